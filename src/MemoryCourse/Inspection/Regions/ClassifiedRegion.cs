using MemoryCourse.Inspection.Proc;

namespace MemoryCourse.Inspection.Regions;

/// <summary>A mapping with the address-space area it belongs to and the reason the classifier gave.</summary>
public sealed record ClassifiedRegion(MapsEntry Mapping, AddressSpaceArea Area, string Reason)
{
    public ulong Start => Mapping.Start;
    public long SizeKb => Mapping.SizeKb;
    public string Permissions => Mapping.Permissions;
    public string Path => Mapping.Path;
}

/// <summary>One row of a per-area summary: how many mappings, how much address space, how much is resident.</summary>
public sealed record AreaSummary(AddressSpaceArea Area, int Mappings, long SizeKb, long RssKb);
