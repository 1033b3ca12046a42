namespace MemoryCourse.Paging.Translation;

/// <summary>
/// Dynamic relocation with one base and one bounds (limit) register, the simplest virtual memory: every
/// virtual address is checked against the limit and, if it is inside, the base is added to it. The whole
/// address space must sit contiguously in physical memory, which is why this wastes memory between a
/// small heap and a small stack. Semantics as in OSTEP's relocation.py: valid iff 0 &lt;= va &lt; limit.
/// </summary>
/// <param name="Base">The physical address where the address space starts.</param>
/// <param name="Limit">The size of the address space that is mapped (the bounds register).</param>
public sealed record BaseAndBounds(long Base, long Limit)
{
    /// <summary>Translates <paramref name="virtualAddress"/>: a bounds check, then one addition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is negative.</exception>
    public AddressTranslation Translate(long virtualAddress)
    {
        if (virtualAddress < 0)
            throw new ArgumentOutOfRangeException(nameof(virtualAddress), virtualAddress, $"virtual address {virtualAddress} is negative");
        var steps = new List<TranslationStep>
        {
            new("check bounds", Limit, virtualAddress < Limit
                ? $"{virtualAddress} < limit {Limit}: inside the address space"
                : $"{virtualAddress} >= limit {Limit}: outside the address space"),
        };
        if (virtualAddress >= Limit)
            return new AddressTranslation(virtualAddress, null, TranslationFault.OutOfBounds, steps);
        long physical = virtualAddress + Base;
        steps.Add(new("add base", physical, $"{virtualAddress} + base {Base} = {physical}"));
        return new AddressTranslation(virtualAddress, physical, TranslationFault.None, steps);
    }
}
