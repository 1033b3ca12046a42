namespace MemoryCourse.Gc.StackAndHeap;

/// <summary>
/// A JavaScript value as the seed describes its storage: primitive values (원시 타입: numbers, strings,
/// booleans, undefined, null) sit in the variable's stack slot; reference values (참조 타입: arrays,
/// objects, functions) live on the heap and the slot holds their address.
/// </summary>
public abstract record JsValue
{
    /// <summary>Whether the slot holds the value itself (true) or an address (false).</summary>
    public abstract bool IsPrimitive { get; }

    /// <summary>How the slot looks in a table: <c>10</c>, <c>"hi"</c> or <c>→ 0x1000</c>.</summary>
    public abstract string SlotText { get; }

    public static JsValue Number(double value) => new JsPrimitive("number", value);
    public static JsValue String(string value) => new JsPrimitive("string", value);
    public static JsValue Boolean(bool value) => new JsPrimitive("boolean", value);
    public static JsValue Undefined { get; } = new JsPrimitive("undefined", null);
    public static JsValue Null { get; } = new JsPrimitive("null", null);
}

/// <summary>A primitive, stored by value in the slot.</summary>
/// <param name="Type">"number", "string", "boolean", "undefined" or "null".</param>
/// <param name="Value">The C# value (double, string, bool) or null.</param>
public sealed record JsPrimitive(string Type, object? Value) : JsValue
{
    public override bool IsPrimitive => true;

    public override string SlotText => Value switch
    {
        null => Type,
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? Type,
    };

    /// <summary>
    /// Where V8 itself keeps this value, which is finer than the seed's rule: small integers (Smis) are
    /// stored in the slot; other numbers are HeapNumber objects and strings are string objects on the heap;
    /// true, false, undefined and null are pointers to single read-only objects ("oddballs").
    /// </summary>
    public string InV8 => Type switch
    {
        "number" when Value is double d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue && !(d == 0 && double.IsNegative(d))
            => "in the slot (a small integer, Smi)",
        "number" => "on the heap (a HeapNumber)",
        "string" => "on the heap (a string object)",
        _ => "a pointer to a read-only oddball object",
    };
}

/// <summary>A reference: the slot holds the heap address of an object.</summary>
public sealed record JsReference(long Address) : JsValue
{
    public override bool IsPrimitive => false;
    public override string SlotText => $"→ 0x{Address:X}";
}
