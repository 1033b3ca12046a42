using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Paging.Translation;

namespace MemoryCourse.Tests.Paging.Translation;

public class SmallTablesMemoryTests
{
    // Loads the memory dump printed by a reference run of paging-multilevel-translate.py and checks every
    // translation the original solved in that run.
    [Theory]
    [InlineData("paging-multilevel-translate-000.txt")]
    [InlineData("paging-multilevel-translate-014.txt")]
    public void Walks_the_dumped_memory_as_the_original_solved_it(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.OstepExamples, file));
        int pdbr = int.Parse(Regex.Match(string.Join("\n", lines), @"PDBR: (\d+)").Groups[1].Value);
        var memory = new SmallTablesMemory(pdbr);
        foreach (var line in lines.Where(l => l.StartsWith("page ")))
        {
            int page = int.Parse(line[5..8].Trim());
            string bytes = line[9..];
            for (int j = 0; j < 32; j++) memory.Write(page * 32 + j, byte.Parse(bytes.Substring(2 * j, 2), NumberStyles.HexNumber));
        }
        int checkedCount = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var va = Regex.Match(lines[i], @"^Virtual Address 0x([0-9a-f]{4}):$");
            if (!va.Success) continue;
            var walk = memory.Walk(int.Parse(va.Groups[1].Value, NumberStyles.HexNumber));
            string outcome = lines.Skip(i + 1).First(l => l.StartsWith("      -->"));
            var ok = Regex.Match(outcome, @"Physical Address 0x([0-9a-f]+) --> Value: 0x([0-9a-f]+)");
            if (ok.Success)
            {
                Assert.Equal(long.Parse(ok.Groups[1].Value, NumberStyles.HexNumber), walk.Translation.PhysicalAddress);
                Assert.Equal(byte.Parse(ok.Groups[2].Value, NumberStyles.HexNumber), walk.Value);
            }
            else if (outcome.Contains("page directory")) Assert.Equal(TranslationFault.InvalidDirectoryEntry, walk.Translation.Fault);
            else Assert.Equal(TranslationFault.InvalidPageTableEntry, walk.Translation.Fault);
            checkedCount++;
        }
        Assert.True(checkedCount >= 10);
    }

    [Fact]
    public void A_new_table_page_is_allocated_only_for_the_first_page_under_a_directory_entry()
    {
        var memory = new SmallTablesMemory(0);
        int nextFrame = 10, allocations = 0;
        int Allocate() { allocations++; return nextFrame++; }
        memory.Map(0, 1, Allocate);
        memory.Map(1, 2, Allocate);   // same PDE (VPN 0..31)
        memory.Map(32, 3, Allocate);  // next PDE
        Assert.Equal(2, allocations);
        Assert.Equal(2 * 32 + 5, memory.Walk((1 << 5) | 5).Translation.PhysicalAddress);
    }

    [Fact]
    public void Address_outside_15_bits_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallTablesMemory(0).Walk(1 << 15));
        Assert.Contains("32768", e.Message);
    }
}
