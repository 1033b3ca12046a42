using MemoryCourse.Inspection.EventLoop;

namespace MemoryCourse.Tests.Inspection.EventLoop;

public class EventLoopModelTests
{
    // The seed: "if maybeTrue is true, foo() runs first; if false, fs.stat() is asynchronous so bar() runs
    // first and finishes. nextTick(cb) makes bar() always run first."
    [Theory]
    [InlineData(true, false, new[] { "foo", "bar" })]
    [InlineData(false, false, new[] { "bar", "foo" })]
    [InlineData(true, true, new[] { "bar", "foo" })]
    [InlineData(false, true, new[] { "bar", "foo" })]
    public void MaybeSync_prints_in_the_order_the_seed_describes(bool maybeTrue, bool fixedWithNextTick, string[] order)
    {
        Assert.Equal(order, MaybeSyncExample.Run(maybeTrue, fixedWithNextTick).Output);
    }

    [Fact]
    public void The_synchronous_callback_runs_inside_maybeSync_and_the_deferred_one_after_main_returned()
    {
        var sync = MaybeSyncExample.Run(true, false).Printed.Single(p => p.Text == "foo");
        Assert.Equal("main > maybeSync > cb > foo", sync.CallStack);
        var deferred = MaybeSyncExample.Run(true, true).Printed.Single(p => p.Text == "foo");
        Assert.Equal(TaskQueue.NextTick, deferred.Queue);
        Assert.DoesNotContain("main", deferred.CallStack);
    }

    [Fact]
    public void The_seeds_MyThing_starts_doing_stuff_after_the_caller_got_ready()
    {
        var loop = EventLoopModel.Run(l =>
        {
            l.Call("new MyThing", () =>
            {
                l.Log("setupOptions");
                l.NextTick("startDoingStuff", x => x.Log("startDoingStuff"));
            });
            l.Log("getReadyForStuff");
        });
        Assert.Equal(["setupOptions", "getReadyForStuff", "startDoingStuff"], loop.Output);
    }

    [Fact]
    public void NextTick_runs_before_promise_reactions_which_run_before_timers_and_immediates()
    {
        var loop = EventLoopModel.Run(l =>
        {
            l.SetTimeout("timeout", x => x.Log("timeout"));
            l.SetImmediate("immediate", x => x.Log("immediate"));
            l.QueueMicrotask("promise", x => x.Log("promise"));
            l.NextTick("tick", x => x.Log("tick"));
            l.Log("sync");
        });
        Assert.Equal("sync tick promise", string.Join(' ', loop.Output.Take(3)));
        Assert.Equal(["immediate", "timeout"], loop.Output.Skip(3).OrderBy(x => x)); // both run after the queues; their order varies in real Node
    }

    [Fact]
    public void Inside_an_io_callback_setImmediate_always_runs_before_a_zero_timeout()
    {
        // Node's event-loop guide: within an I/O cycle the immediate callback is always executed first.
        var loop = EventLoopModel.Run(l => l.StartIo("fs.readFile", x =>
        {
            x.SetTimeout("timeout", y => y.Log("timeout"));
            x.SetImmediate("immediate", y => y.Log("immediate"));
        }));
        Assert.Equal(["immediate", "timeout"], loop.Output);
    }

    [Fact]
    public void A_nextTick_queued_by_a_nextTick_still_runs_before_promises_and_timers()
    {
        var loop = EventLoopModel.Run(l =>
        {
            l.SetTimeout("timeout", x => x.Log("timeout"));
            l.QueueMicrotask("promise", x => x.Log("promise"));
            void Tick(EventLoopModel x, int n)
            {
                x.Log($"tick {n}");
                if (n < 3) x.NextTick($"tick {n + 1}", y => Tick(y, n + 1));
            }
            l.NextTick("tick 1", x => Tick(x, 1));
        });
        Assert.Equal(["tick 1", "tick 2", "tick 3", "promise", "timeout"], loop.Output);
    }

    [Fact]
    public void Endless_recursive_nextTick_starves_the_loop_and_is_stopped_with_a_message()
    {
        static void Forever(EventLoopModel x) => x.NextTick("again", Forever);
        var e = Assert.Throws<InvalidOperationException>(() => EventLoopModel.Run(l => l.NextTick("again", Forever), maxSteps: 1000));
        Assert.Contains("starves the event loop", e.Message);
    }
}
