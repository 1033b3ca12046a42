using System.Reflection;

namespace MemoryCourse.Tests.Inspection;

/// <summary>
/// <c>[Theory, CapturedProcesses]</c>: runs a test once per captured process (its name as the argument), so a
/// failure names the process whose files disagree.
/// </summary>
internal sealed class CapturedProcessesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => CapturedSamples.Processes.Select(p => new object[] { p });
}
