namespace MemoryCourse.Gc.Orinoco;

/// <summary>
/// How a collection's work is scheduled against the program (the mutator). Orinoco, V8's garbage
/// collector project, added the last four to the classic stop-the-world collector.
/// </summary>
public enum GcStrategy
{
    /// <summary>Stop-the-world (프로그램 멈춤): the main thread stops and does the whole collection at once.</summary>
    StopTheWorld,
    /// <summary>Parallel (병렬): the main thread stops, and helper threads share the work with it.</summary>
    Parallel,
    /// <summary>Incremental (증분): the main thread does the work in small steps between pieces of the program.</summary>
    Incremental,
    /// <summary>Concurrent (동시): helper threads do the work while the main thread keeps running the program;
    /// only a short final pause is left on the main thread.</summary>
    Concurrent,
    /// <summary>Idle-time (유휴 시간): the work is done in the idle time left at the end of each animation frame.</summary>
    IdleTime,
}
