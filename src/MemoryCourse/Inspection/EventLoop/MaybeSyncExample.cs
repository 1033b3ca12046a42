namespace MemoryCourse.Inspection.EventLoop;

/// <summary>
/// The seed's example of an API that is sometimes synchronous (Zalgo): <c>maybeSync(arg, cb)</c> calls
/// <c>cb</c> at once when <c>arg</c> is true, and otherwise only after <c>fs.stat</c> finishes. The caller
/// writes <c>maybeSync(maybeTrue, () =&gt; foo()); bar();</c> and cannot know whether foo or bar runs
/// first. The fix, <c>process.nextTick(cb)</c> in the synchronous branch, defers the callback until the
/// caller's code has finished, so bar always comes first.
/// </summary>
public static class MaybeSyncExample
{
    /// <summary>Runs the example; the model's <see cref="EventLoopModel.Output"/> is the order foo and bar printed.</summary>
    public static EventLoopModel Run(bool maybeTrue, bool fixedWithNextTick)
    {
        return EventLoopModel.Run(loop =>
        {
            void MaybeSync(bool arg, Action<EventLoopModel> cb) => loop.Call("maybeSync", () =>
            {
                if (arg)
                {
                    if (fixedWithNextTick) loop.NextTick("cb", cb);   // the fix: nextTick(cb)
                    else loop.Call("cb", () => cb(loop));             // cb(): runs before maybeSync returns
                    return;
                }
                loop.StartIo("fs.stat(\"file\", cb)", cb);
            });

            MaybeSync(maybeTrue, l => l.Call("foo", () => l.Log("foo")));
            loop.Call("bar", () => loop.Log("bar"));
        });
    }
}
