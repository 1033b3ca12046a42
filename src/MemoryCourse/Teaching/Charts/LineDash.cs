namespace MemoryCourse.Teaching.Charts;

/// <summary>
/// How a line is drawn. A broken line (dash, dot) drawn over a solid one lets the solid one show through its gaps,
/// so two series that coincide both stay visible: for example a model's line over the measurement it reproduces.
/// </summary>
public enum LineDash
{
    Solid,
    Dash,
    Dot,
    DashDot,
    LongDash,
}
