namespace MemoryCourse.Paging.Translation;

/// <summary>
/// Segmentation with two segments, as in OSTEP's segmentation.py: the top half of the virtual address
/// space is segment 1 and grows downwards (a stack), the bottom half is segment 0 and grows upwards
/// (code and heap). Each segment has its own base and limit, so the two can sit anywhere in physical
/// memory and the unused middle of the address space costs nothing.
/// </summary>
/// <param name="AddressSpaceSize">Size of the virtual address space in bytes.</param>
/// <param name="Base0">Physical address of segment 0's first byte.</param>
/// <param name="Limit0">Size of segment 0.</param>
/// <param name="Base1Top">Physical address just above segment 1 (it grows down from here).</param>
/// <param name="Limit1">Size of segment 1.</param>
public sealed record TwoSegmentAddressSpace(long AddressSpaceSize, long Base0, long Limit0, long Base1Top, long Limit1)
{
    /// <summary>Which segment an address belongs to: the top half (va &gt;= size/2, real division) is segment 1.</summary>
    public int SegmentOf(long virtualAddress) => virtualAddress >= AddressSpaceSize / 2.0 ? 1 : 0;

    /// <summary>Translates <paramref name="virtualAddress"/>: pick the segment, check its limit, offset from its base.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside [0, AddressSpaceSize).</exception>
    public AddressTranslation Translate(long virtualAddress)
    {
        if (virtualAddress < 0 || virtualAddress >= AddressSpaceSize)
            throw new ArgumentOutOfRangeException(nameof(virtualAddress), virtualAddress,
                $"virtual address {virtualAddress} is outside the address space of size {AddressSpaceSize}");
        var steps = new List<TranslationStep>();
        int segment = SegmentOf(virtualAddress);
        steps.Add(new("select segment", segment, segment == 1
            ? $"{virtualAddress} is in the top half: segment 1 (grows negative)"
            : $"{virtualAddress} is in the bottom half: segment 0 (grows positive)"));
        if (segment == 0)
        {
            bool inside = virtualAddress < Limit0;
            steps.Add(new("check limit", Limit0, inside ? $"offset {virtualAddress} < limit {Limit0}" : $"offset {virtualAddress} >= limit {Limit0}"));
            if (!inside) return new AddressTranslation(virtualAddress, null, TranslationFault.SegmentViolation, steps);
            long pa = Base0 + virtualAddress;
            steps.Add(new("add base", pa, $"base {Base0} + offset {virtualAddress} = {pa}"));
            return new AddressTranslation(virtualAddress, pa, TranslationFault.None, steps);
        }
        long negativeOffset = virtualAddress - AddressSpaceSize; // -1 is the top byte of the segment
        bool fits = -negativeOffset <= Limit1;
        steps.Add(new("negative offset", negativeOffset,
            $"{virtualAddress} - {AddressSpaceSize} = {negativeOffset}; |offset| {(fits ? "<=" : ">")} limit {Limit1}"));
        if (!fits) return new AddressTranslation(virtualAddress, null, TranslationFault.SegmentViolation, steps);
        long physical = Base1Top + negativeOffset;
        steps.Add(new("add base", physical, $"top {Base1Top} + ({negativeOffset}) = {physical}"));
        return new AddressTranslation(virtualAddress, physical, TranslationFault.None, steps);
    }
}
