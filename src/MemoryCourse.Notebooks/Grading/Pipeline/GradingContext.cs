namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>What every stage grades with: the prepared chapter, the options, and where graded runs get their kernels.</summary>
internal sealed record GradingContext(Grader.Prepared Chapter, GradeOptions Options, SandboxedKernels Kernels);
