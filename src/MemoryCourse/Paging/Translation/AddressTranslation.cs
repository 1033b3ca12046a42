namespace MemoryCourse.Paging.Translation;

/// <summary>
/// The outcome of translating one virtual address: the physical address (when <see cref="Fault"/> is
/// <see cref="TranslationFault.None"/>) and every step the hardware took to get there, in order.
/// </summary>
/// <param name="VirtualAddress">The address the program used.</param>
/// <param name="PhysicalAddress">Where it lands in physical memory; null on a fault.</param>
/// <param name="Fault">Why there is no physical address, or <see cref="TranslationFault.None"/>.</param>
/// <param name="Steps">The walk, step by step.</param>
public sealed record AddressTranslation(long VirtualAddress, long? PhysicalAddress, TranslationFault Fault, IReadOnlyList<TranslationStep> Steps)
{
    /// <summary>True when the address translated to a physical address.</summary>
    public bool IsValid => Fault == TranslationFault.None;
}
