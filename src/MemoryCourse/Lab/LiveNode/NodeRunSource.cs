namespace MemoryCourse.Lab.LiveNode;

/// <summary>Where a lab run's output came from.</summary>
public enum NodeRunSource
{
    /// <summary>node ran the workload just now, on this machine.</summary>
    Live,
    /// <summary>node is not available here; the output is a run the course captured and ships in data/node/lab/captures.</summary>
    Capture,
    /// <summary>node is not available and no capture of this exact command ships with the course: there is no output.</summary>
    Missing,
}
