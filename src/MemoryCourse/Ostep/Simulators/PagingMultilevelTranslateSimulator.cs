using System.Text;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using MemoryCourse.Paging.Translation;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's paging-multilevel-translate.py (chapter "Paging: Smaller Tables"): a random two-level page
/// table in a 4 KiB physical memory, dumped page by page, and virtual addresses to translate by hand.
/// Same flags, draws and output as the original.
/// </summary>
public sealed class PagingMultilevelTranslateSimulator : IOstepSimulator
{
    public string Name => "paging-multilevel-translate";

    public OstepRun Run(IReadOnlyList<string> args)
    {
        var parser = new PythonOptionParser("paging-multilevel-translate.py")
            .Add("-s", "--seed", "seed", Int, 0, "the random seed")
            .Add("-a", "--allocated", "allocated", Int, 64, "number of virtual pages allocated")
            .Add("-n", "--addresses", "num", Int, 10, "number of virtual addresses to generate")
            .Add("-c", "--solve", "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("paging-multilevel-translate.py", parser, args, Body);
    }

    private static void Body(PythonOptionParser.Result o, StringBuilder out_)
    {
        out_.Line($"ARG seed {o.Int("seed")}");
        out_.Line($"ARG allocated {o.Int("allocated")}");
        out_.Line($"ARG num {o.Int("num")}");
        out_.Line();

        var random = new PythonRandom(o.Int("seed"));
        var frameUsed = new bool[SmallTablesMemory.PhysicalPages];
        int framesUsed = 0;
        int FindFree()
        {
            if (framesUsed >= SmallTablesMemory.PhysicalPages)
                throw new OstepScript.Crash($"-a: all {SmallTablesMemory.PhysicalPages} physical pages are used; " +
                    $"{o.Int("allocated")} virtual pages do not fit (AssertionError in findFree)");
            int look;
            do { look = (int)(random.NextDouble() * SmallTablesMemory.PhysicalPages); } while (frameUsed[look]);
            frameUsed[look] = true;
            framesUsed++;
            return look;
        }

        var memory = new SmallTablesMemory(FindFree());
        var vpUsed = new bool[SmallTablesMemory.VirtualPages];
        var allocated = new List<int>();
        long count = OstepScript.ToLong(o.Int("allocated"), "-a");
        for (long k = 0; k < count; k++)
        {
            int vp;
            do { vp = (int)(random.NextDouble() * SmallTablesMemory.VirtualPages); } while (vpUsed[vp]);
            vpUsed[vp] = true;
            allocated.Add(vp);
            int pp = FindFree(); // the data page is taken before its page-table page, as in the original
            memory.Map(vp, pp, FindFree);
            for (int j = 0; j < SmallTablesMemory.PageSize; j++)
                memory.Write(pp * SmallTablesMemory.PageSize + j, (byte)(int)(random.NextDouble() * 31));
        }

        for (int page = 0; page < SmallTablesMemory.PhysicalPages; page++)
        {
            out_.Append($"page {PythonText.Dec(page, 3)}:");
            for (int j = 0; j < SmallTablesMemory.PageSize; j++) out_.Append(memory.Memory[page * SmallTablesMemory.PageSize + j].ToString("x2"));
            out_.Line();
        }
        out_.Line();
        out_.Line($"PDBR: {memory.Pdbr}  (decimal) [This means the page directory is held in this page]");
        out_.Line();

        bool solve = o.Flag("solve");
        long num = OstepScript.Count(o.Int("num"), "-n", "addresses");
        for (long i = 0; i < num; i++)
        {
            int va = random.NextDouble() * 100 > 50.0 || i >= allocated.Count
                ? (int)(random.NextDouble() * 1024 * 32)
                : (allocated[(int)i] << 5) | (int)(random.NextDouble() * 32);
            if (!solve)
            {
                out_.Line($"Virtual Address {va:x4}: Translates To What Physical Address (And Fetches what Value)? Or Fault?");
                continue;
            }
            out_.Line($"Virtual Address 0x{va:x4}:");
            var walk = memory.Walk(va);
            out_.Line($"  --> pde index:0x{walk.PdeIndex:x} [decimal {walk.PdeIndex}] pde contents:0x{walk.Pde:x} " +
                $"(valid {walk.Pde >> 7}, pfn 0x{walk.Pde & 0x7f:x2} [decimal {walk.Pde & 0x7f}])");
            if (walk.Pte is byte pte)
                out_.Line($"    --> pte index:0x{walk.PteIndex:x} [decimal {walk.PteIndex}] pte contents:0x{pte:x} " +
                    $"(valid {pte >> 7}, pfn 0x{pte & 0x7f:x2} [decimal {pte & 0x7f}])");
            out_.Line(walk.Translation.Fault switch
            {
                TranslationFault.None => $"      --> Translates to Physical Address 0x{walk.Translation.PhysicalAddress:x3} --> Value: 0x{walk.Value:x2}",
                TranslationFault.InvalidDirectoryEntry => "      --> Fault (page directory entry not valid)",
                _ => "      --> Fault (page table entry not valid)",
            });
        }
        out_.Line();
    }
}
