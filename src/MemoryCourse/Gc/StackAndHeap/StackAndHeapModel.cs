namespace MemoryCourse.Gc.StackAndHeap;

/// <summary>One variable of an execution context: its identifier, how it was declared, and its slot.</summary>
/// <param name="Context">The execution context (실행 컨텍스트) whose lexical environment (렉시컬 환경) holds it.</param>
/// <param name="Identifier">The variable's name.</param>
/// <param name="Declaration">"const", "let" or "var".</param>
/// <param name="Value">What the slot holds: a primitive value or a heap address.</param>
public sealed record StackSlot(string Context, string Identifier, string Declaration, JsValue Value)
{
    /// <summary>"primitive" or "reference".</summary>
    public string Kind => Value.IsPrimitive ? "primitive" : "reference";

    /// <summary>The slot as a table shows it.</summary>
    public string Slot => Value.SlotText;
}

/// <summary>
/// One object on the heap: its address, what it is, its contents as JavaScript would print them, its
/// size in V8 11.3 (64-bit, no pointer compression), and which variables point at it.
/// </summary>
public sealed record HeapCell(long Address, string Type, string Contents, int SizeBytes, IReadOnlyList<string> ReferencedBy);

/// <summary>One step of reading a variable: where the engine looked and what it found.</summary>
public sealed record ReadStep(int Step, string Where, string Found);

/// <summary>
/// The seed's picture of memory for one JavaScript program: a stack of execution contexts, each with its
/// lexical environment's variables, and a heap of arrays and objects. Declaring a primitive writes the
/// value into a stack slot; declaring an array or object allocates it on the heap and writes its address
/// into the slot. Copying a variable copies the slot: the value for a primitive, the address (so both
/// names share one object) for a reference. Returning from a function pops its context: its slots are
/// gone at once, but heap objects stay until a garbage collection finds them unreachable.
/// </summary>
public sealed class StackAndHeapModel
{
    /// <summary>Bytes of a JSArray header: map, properties, elements, length (8 bytes each).</summary>
    public const int JsArrayHeaderBytes = 32;
    /// <summary>Bytes of a FixedArray header (map, length) before its elements.</summary>
    public const int FixedArrayHeaderBytes = 16;
    /// <summary>Bytes of a JSObject header: map, properties, elements.</summary>
    public const int JsObjectHeaderBytes = 24;

    private readonly List<(string Name, List<StackSlot> Slots)> _contexts = new();
    private readonly SortedDictionary<long, (string Type, List<object?> Items, List<string>? Keys, int Size)> _heap = new();
    private long _nextAddress = 0x1000;

    /// <summary>Starts with the global execution context.</summary>
    public StackAndHeapModel() => _contexts.Add(("global", new List<StackSlot>()));

    /// <summary>
    /// Size of an array literal of <paramref name="length"/> small integers: a JSArray plus its elements,
    /// 32 + 16 + 8 x length bytes. Checked against V8 11.3: 16 elements take 176 bytes.
    /// </summary>
    public static int ArraySize(int length) => JsArrayHeaderBytes + FixedArrayHeaderBytes + 8 * length;

    /// <summary>Size of an object literal with <paramref name="properties"/> in-object properties: 24 + 8 x properties bytes.</summary>
    public static int ObjectSize(int properties) => JsObjectHeaderBytes + 8 * properties;

    /// <summary>Calls a function: pushes its execution context.</summary>
    public void Call(string function)
    {
        if (string.IsNullOrWhiteSpace(function)) throw new ArgumentException("a function needs a name.", nameof(function));
        _contexts.Add((function, new List<StackSlot>()));
    }

    /// <summary>Returns from the current function: pops its context and its slots.</summary>
    public void Return()
    {
        if (_contexts.Count == 1) throw new InvalidOperationException("only the global context is left; there is no function to return from.");
        _contexts.RemoveAt(_contexts.Count - 1);
    }

    /// <summary>The name of the running context.</summary>
    public string CurrentContext => _contexts[^1].Name;

    /// <summary><c>const name = 10</c>, <c>"text"</c>, <c>true</c> or null (undefined): a primitive in a slot.</summary>
    public StackSlot Declare(string identifier, object? primitive, string declaration = "const") =>
        Bind(identifier, declaration, ToPrimitive(identifier, primitive));

    private static JsValue ToPrimitive(string identifier, object? primitive) => primitive switch
        {
            null => JsValue.Undefined,
            int i => JsValue.Number(i),
            long l => JsValue.Number(l),
            double d => JsValue.Number(d),
            string s => JsValue.String(s),
            bool b => JsValue.Boolean(b),
            JsValue v => v,
            _ => throw new ArgumentException($"'{identifier}': {primitive.GetType().Name} is not a JavaScript primitive; use DeclareArray or DeclareObject.",
                nameof(primitive)),
        };

    /// <summary><c>const name = [1, 2, 3]</c>: the array goes to the heap, its address into the slot.</summary>
    public StackSlot DeclareArray(string identifier, IEnumerable<double> elements, string declaration = "const")
    {
        var items = elements.Select(e => (object?)e).ToList();
        return Bind(identifier, declaration, new JsReference(Allocate("Array", items, null, ArraySize(items.Count))));
    }

    /// <summary><c>const name = { x: 1, y: 2 }</c>: the object goes to the heap, its address into the slot.</summary>
    public StackSlot DeclareObject(string identifier, IEnumerable<(string Key, double Value)> properties, string declaration = "const")
    {
        var list = properties.ToList();
        var values = list.Select(p => (object?)p.Value).ToList();
        var keys = list.Select(p => p.Key).ToList();
        return Bind(identifier, declaration, new JsReference(Allocate("Object", values, keys, ObjectSize(list.Count))));
    }

    /// <summary><c>const target = source</c>: copies the slot — a value for a primitive, an address for a reference.</summary>
    public StackSlot Copy(string target, string source, string declaration = "const") => Bind(target, declaration, Find(source).Value);

    /// <summary><c>name = value</c> for a <c>let</c> or <c>var</c> (a const cannot be reassigned).</summary>
    public StackSlot Assign(string identifier, object? primitive)
    {
        var slot = Find(identifier);
        if (slot.Declaration == "const") throw new InvalidOperationException($"TypeError: Assignment to constant variable '{identifier}'.");
        var (ctx, index) = Locate(identifier);
        var result = slot with { Value = ToPrimitive(identifier, primitive) };
        _contexts[ctx].Slots[index] = result;
        return result;
    }

    /// <summary><c>name[index] = value</c>: changes the heap object, seen through every variable that points at it.</summary>
    public void SetElement(string identifier, int index, double value)
    {
        var cell = CellOf(identifier);
        if (index < 0 || index >= cell.Items.Count) throw new ArgumentOutOfRangeException(nameof(index), index,
            $"'{identifier}' has {cell.Items.Count} elements.");
        cell.Items[index] = value;
    }

    /// <summary>Reads a variable, as <c>console.log(name)</c> would: the value itself, or the object it points at.</summary>
    public string Read(string identifier)
    {
        var slot = Find(identifier);
        return slot.Value is JsReference r ? Describe(r.Address) : slot.Value.SlotText;
    }

    /// <summary><c>name[index]</c>, with the steps the engine takes: slot, address, heap object, element.</summary>
    public (double Value, IReadOnlyList<ReadStep> Steps) ReadElement(string identifier, int index)
    {
        var slot = Find(identifier);
        var steps = new List<ReadStep> { new(1, $"stack: slot '{identifier}' in {slot.Context}'s lexical environment", slot.Slot) };
        if (slot.Value is not JsReference r) throw new InvalidOperationException($"'{identifier}' holds a primitive ({slot.Slot}); it has no elements.");
        var cell = _heap[r.Address];
        steps.Add(new(2, $"heap: object at 0x{r.Address:X}", $"{cell.Type} {Describe(r.Address)}"));
        if (index < 0 || index >= cell.Items.Count) throw new ArgumentOutOfRangeException(nameof(index), index,
            $"'{identifier}' has {cell.Items.Count} elements.");
        double value = (double)cell.Items[index]!;
        steps.Add(new(3, $"element {index}", Format(value)));
        return (value, steps);
    }

    /// <summary>The stack, outermost context first: one row per variable.</summary>
    public IReadOnlyList<StackSlot> Stack() => _contexts.SelectMany(c => c.Slots).ToList();

    /// <summary>The heap, by address: one row per object, with the variables that point at it.</summary>
    public IReadOnlyList<HeapCell> Heap()
    {
        var refs = Stack().Where(s => s.Value is JsReference).GroupBy(s => ((JsReference)s.Value).Address)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Identifier).ToList());
        return _heap.Select(kv => new HeapCell(kv.Key, kv.Value.Type, Describe(kv.Key), kv.Value.Size,
            refs.TryGetValue(kv.Key, out var names) ? names : Array.Empty<string>())).ToList();
    }

    /// <summary>Heap objects no variable points at any more: what the next garbage collection frees.</summary>
    public IReadOnlyList<HeapCell> Unreachable() => Heap().Where(c => c.ReferencedBy.Count == 0).ToList();

    /// <summary>Bytes of heap objects (live or not yet collected).</summary>
    public int HeapBytes => _heap.Values.Sum(c => c.Size);

    /// <summary>Frees the unreachable objects, as a garbage collection would; returns the bytes freed.</summary>
    public int CollectGarbage()
    {
        int freed = 0;
        foreach (var cell in Unreachable()) { freed += cell.SizeBytes; _heap.Remove(cell.Address); }
        return freed;
    }

    private StackSlot Bind(string identifier, string declaration, JsValue value)
    {
        if (string.IsNullOrWhiteSpace(identifier)) throw new ArgumentException("a variable needs a name.", nameof(identifier));
        if (declaration is not ("const" or "let" or "var")) throw new ArgumentException($"'{declaration}' is not const, let or var.", nameof(declaration));
        var slots = _contexts[^1].Slots;
        if (slots.Any(s => s.Identifier == identifier))
            throw new InvalidOperationException($"SyntaxError: Identifier '{identifier}' has already been declared in {CurrentContext}.");
        var slot = new StackSlot(CurrentContext, identifier, declaration, value);
        slots.Add(slot);
        return slot;
    }

    private long Allocate(string type, List<object?> items, List<string>? keys, int size)
    {
        long address = _nextAddress;
        _nextAddress += (size + 15) / 16 * 16;
        _heap[address] = (type, items, keys, size);
        return address;
    }

    // Innermost binding first, as the lexical environment chain is searched.
    private (int Context, int Index) Locate(string identifier)
    {
        for (int c = _contexts.Count - 1; c >= 0; c--)
        {
            int i = _contexts[c].Slots.FindIndex(s => s.Identifier == identifier);
            if (i >= 0) return (c, i);
        }
        throw new KeyNotFoundException($"ReferenceError: {identifier} is not defined.");
    }

    private StackSlot Find(string identifier)
    {
        var (c, i) = Locate(identifier);
        return _contexts[c].Slots[i];
    }

    private (string Type, List<object?> Items, List<string>? Keys, int Size) CellOf(string identifier)
    {
        var slot = Find(identifier);
        if (slot.Value is not JsReference r) throw new InvalidOperationException($"'{identifier}' holds a primitive ({slot.Slot}), not an object.");
        return _heap[r.Address];
    }

    private string Describe(long address)
    {
        var (type, items, keys, _) = _heap[address];
        return keys is null
            ? "[" + string.Join(", ", items.Select(i => Format((double)i!))) + "]"
            : "{ " + string.Join(", ", keys.Zip(items, (k, v) => $"{k}: {Format((double)v!)}")) + " }";
    }

    private static string Format(double d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
