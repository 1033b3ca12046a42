using FsCheck.Fluent;
using MemoryCourse.Gc.StackAndHeap;

namespace MemoryCourse.Tests.Gc.StackAndHeap;

public class StackAndHeapModelTests
{
    // The seed's example: const a = 10; const b = [1, 2, 3]; console.log(a); console.log(b[0]);
    private static StackAndHeapModel SeedExample()
    {
        var m = new StackAndHeapModel();
        m.Declare("a", 10);
        m.DeclareArray("b", [1, 2, 3]);
        return m;
    }

    [Fact]
    public void The_seeds_primitive_sits_in_its_stack_slot_and_the_array_on_the_heap_behind_an_address()
    {
        var m = SeedExample();
        var stack = m.Stack();
        Assert.Equal(("a", "primitive", "10"), (stack[0].Identifier, stack[0].Kind, stack[0].Slot));
        Assert.Equal(("b", "reference"), (stack[1].Identifier, stack[1].Kind));
        var cell = Assert.Single(m.Heap());
        Assert.Equal($"→ 0x{cell.Address:X}", stack[1].Slot);
        Assert.Equal(("Array", "[1, 2, 3]"), (cell.Type, cell.Contents));
        Assert.Equal(["b"], cell.ReferencedBy);
        Assert.All(stack, s => Assert.Equal("global", s.Context));
    }

    [Fact]
    public void Reading_b_0_goes_from_the_slot_to_the_heap_object_to_the_element_and_gives_1()
    {
        var m = SeedExample();
        Assert.Equal("10", m.Read("a"));                     // console.log(a) // 10
        var (value, steps) = m.ReadElement("b", 0);          // console.log(b[0]) // 1
        Assert.Equal(1, value);
        Assert.Equal(3, steps.Count);
        Assert.StartsWith("stack", steps[0].Where);
        Assert.StartsWith("heap", steps[1].Where);
    }

    [Fact]
    public void An_array_of_16_small_integers_is_176_bytes_as_measured_in_V8_11_3()
    {
        Assert.Equal(176, StackAndHeapModel.ArraySize(16));   // memref objsize capture / alloc.js
        Assert.Equal(StackAndHeapModel.ArraySize(3), SeedExample().HeapBytes);
    }

    [Fact]
    public void Copying_a_reference_shares_the_object_but_copying_a_primitive_does_not()
    {
        var m = SeedExample();
        m.Copy("c", "b");
        m.SetElement("c", 0, 99);
        Assert.Equal("[99, 2, 3]", m.Read("b"));             // the same object, seen through b
        m.Declare("d", 10, "let");
        m.Copy("e", "d", "let");
        m.Assign("e", 11);
        Assert.Equal("10", m.Read("d"));                      // the value was copied
        Assert.Equal(new[] { "b", "c" }, Assert.Single(m.Heap()).ReferencedBy);
    }

    [Fact]
    public void Returning_pops_the_functions_slots_at_once_but_its_objects_wait_for_the_garbage_collector()
    {
        var m = SeedExample();
        m.Call("draw");
        m.Declare("n", 3);
        m.DeclareArray("points", [1, 2, 3, 4]);
        Assert.Equal("draw", m.CurrentContext);
        m.Return();
        Assert.DoesNotContain(m.Stack(), s => s.Identifier is "n" or "points");
        Assert.Equal(2, m.Heap().Count);                      // still there ...
        var garbage = Assert.Single(m.Unreachable());         // ... but unreachable
        Assert.Equal("[1, 2, 3, 4]", garbage.Contents);
        Assert.Equal(StackAndHeapModel.ArraySize(4), m.CollectGarbage());
        Assert.Single(m.Heap());
    }

    [Fact]
    public void Every_heap_object_a_variable_points_at_survives_a_collection_and_no_other_does()
    {
        Prop.ForAll<int>(seed =>
        {
            var r = new Random(seed);
            var m = new StackAndHeapModel();
            int names = 0;
            for (int i = 0; i < 30; i++)
            {
                switch (r.Next(5))
                {
                    case 0: m.DeclareArray($"v{names++}", Enumerable.Range(0, r.Next(5)).Select(x => (double)x), "let"); break;
                    case 1: m.Declare($"v{names++}", r.Next(100), "let"); break;
                    case 2: if (m.Stack().Count > 0) m.Copy($"v{names++}", m.Stack()[r.Next(m.Stack().Count)].Identifier, "let"); break;
                    case 3: m.Call($"f{i}"); break;
                    default: if (m.CurrentContext != "global") m.Return(); break;
                }
            }
            var pointed = m.Stack().Select(s => s.Value).OfType<JsReference>().Select(x => x.Address).ToHashSet();
            m.CollectGarbage();
            return m.Heap().Select(c => c.Address).ToHashSet().SetEquals(pointed);
        }).CheckOnSeed();
    }

    [Fact]
    public void V8_keeps_only_small_integers_in_the_slot_itself()
    {
        Assert.Equal("in the slot (a small integer, Smi)", ((JsPrimitive)JsValue.Number(10)).InV8);
        Assert.Equal("on the heap (a HeapNumber)", ((JsPrimitive)JsValue.Number(1.5)).InV8);
        Assert.Equal("on the heap (a string object)", ((JsPrimitive)JsValue.String("hi")).InV8);
    }

    [Fact]
    public void Mistakes_give_JavaScripts_own_errors()
    {
        var m = SeedExample();
        Assert.Contains("Assignment to constant variable 'a'", Assert.Throws<InvalidOperationException>(() => m.Assign("a", 11)).Message);
        Assert.Contains("'b' has already been declared", Assert.Throws<InvalidOperationException>(() => m.Declare("b", 1)).Message);
        Assert.Contains("zzz is not defined", Assert.Throws<KeyNotFoundException>(() => m.Read("zzz")).Message);
        Assert.Throws<InvalidOperationException>(() => m.Return());
        Assert.Throws<ArgumentException>(() => m.Declare("x", new object()));
    }
}
