namespace MemoryCourse.Inspection.ProcessUsage;

/// <summary>One row of the table that maps a Node.js <c>process.memoryUsage()</c> field to its .NET source.</summary>
public sealed record FieldCorrespondence(string NodeField, string DotnetSource, string Meaning);
