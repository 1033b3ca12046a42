using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class GraderMessagesTests
{
    [Fact]
    public void A_compile_error_names_only_its_first_error_and_says_to_fix_it_first()
    {
        var failure = new CellFailure(FailureKind.CompileError, 2,
            "(2,21): error CS1002: ; expected\n" +
            "(3,1): error CS0103: The name 'firstFitAddress' does not exist in the current context\n" +
            "(4,1): error CS0103: The name 'bestFitAddress' does not exist in the current context");
        Assert.Equal("it does not compile: (2,21): error CS1002: ; expected; fix this first", Grader.Explain(failure));
    }
}
