using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>A node executable's version and the V8 inside it, as <c>process.version</c> and <c>process.versions.v8</c> print them.</summary>
public sealed record NodeVersions(string Node, string V8)
{
    /// <summary>The versions the course's V8 model is calibrated on (the reference machine's node 20).</summary>
    public static NodeVersions Calibrated { get; } = new(HeapOptions.CalibratedNodeVersion, HeapOptions.CalibratedV8Version);

    /// <summary>The major version of node ("v20.20.2" gives 20), or 0 when it cannot be read.</summary>
    public int NodeMajor => int.TryParse(Node.TrimStart('v').Split('.')[0], out int major) ? major : 0;

    /// <summary>V8's major.minor ("11.3.244.8-node.38" gives "11.3").</summary>
    public string V8MajorMinor => string.Join('.', V8.Split('.').Take(2));

    /// <summary>Whether the V8 major.minor is the same as the calibrated one: the heap's sizes and policies then match the model's.</summary>
    public bool SameV8AsCalibrated => V8MajorMinor == Calibrated.V8MajorMinor;

    /// <summary>"node v20.20.2 (V8 11.3.244.8-node.38)".</summary>
    public override string ToString() => $"node {Node} (V8 {V8})";

    /// <summary>
    /// One sentence comparing these versions with the model's calibration, for a chapter to print under a
    /// live run: the same, or what differs and what to expect.
    /// </summary>
    public string ComparedWithCalibration()
    {
        if (Node == Calibrated.Node && V8 == Calibrated.V8) return $"Your {this} is the version the model is calibrated on.";
        if (SameV8AsCalibrated)
            return $"Your {this} has the same V8 ({V8MajorMinor}) as the model's calibration, {Calibrated}: expect the same counts, give or take timing.";
        return $"Your {this} differs from the model's calibration, {Calibrated}: V8 {V8MajorMinor} may size its spaces and schedule collections differently, " +
               "so expect the counts to differ; the shape (many cheap scavenges, few costly mark-compacts, the same kind of death at the limit) should stay.";
    }
}
