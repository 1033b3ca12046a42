using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MemoryCourse.Tests.Architecture;

/// <summary>
/// Which types each type of a compiled assembly uses, read from its metadata: base type, interfaces, generic
/// constraints, attributes, field, property, event and method signatures, local variables, caught exception
/// types, and every type, method and field token in the method bodies' IL. Reading the compiled assembly,
/// rather than the source's <c>using</c> lines, also catches fully qualified names, <c>var</c> and uses that
/// only happen inside a lambda. Nested and compiler-generated types (closures, iterators, async state
/// machines) count as their outermost type, so a finding names a type a reader can open.
/// </summary>
internal static class TypeUses
{
    /// <summary>For every top-level type of the assembly, the full names (Namespace.Type) of the top-level types it uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var handle in md.TypeDefinitions)
        {
            string owner = NameOf(md, handle);
            if (!uses.TryGetValue(owner, out var sink)) uses[owner] = sink = new HashSet<string>(StringComparer.Ordinal);
            new Collector(md, pe, sink).Type(handle);
        }
        foreach (var (owner, sink) in uses) sink.Remove(owner);
        return uses.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The full name of the outermost type enclosing <paramref name="handle"/> (or of the type itself).</summary>
    private static string NameOf(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer) type = md.GetTypeDefinition(outer);
        return Join(md.GetString(type.Namespace), md.GetString(type.Name));
    }

    private static string NameOf(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference) type = md.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        return Join(md.GetString(type.Namespace), md.GetString(type.Name));
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    /// <summary>Walks one type definition and adds the names of the types it touches to a sink.</summary>
    private sealed class Collector(MetadataReader md, PEReader pe, HashSet<string> sink) : ISignatureTypeProvider<object?, object?>
    {
        public void Type(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            if (!type.BaseType.IsNil) Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations()) Entity(md.GetInterfaceImplementation(i).Interface);
            GenericParameters(type.GetGenericParameters());
            Attributes(type.GetCustomAttributes());
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                property.DecodeSignature(this, null);
                Attributes(property.GetCustomAttributes());
            }
            foreach (var e in type.GetEvents()) Entity(md.GetEventDefinition(e).Type);
            foreach (var m in type.GetMethods()) Method(md.GetMethodDefinition(m));
        }

        private void Method(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            GenericParameters(method.GetGenericParameters());
            Attributes(method.GetCustomAttributes());
            foreach (var p in method.GetParameters()) Attributes(md.GetParameter(p).GetCustomAttributes());
            if (method.RelativeVirtualAddress == 0) return; // abstract, extern or interface method: no body
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil) md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            foreach (var region in body.ExceptionRegions)
                if (!region.CatchType.IsNil) Entity(region.CatchType);
            Il(body.GetILReader());
        }

        /// <summary>Every metadata token in the IL: the types, methods and fields the body creates, calls, reads, casts to.</summary>
        private void Il(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                int value = il.ReadByte();
                if (value == 0xFE) value = 0xFE00 | il.ReadByte();
                var operand = OperandTypes.TryGetValue((short)value, out var t) ? t
                    : throw new InvalidOperationException($"unknown IL opcode 0x{value:x}");
                switch (operand)
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.Offset += 1; break;
                    case OperandType.InlineVar: il.Offset += 2; break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString: il.Offset += 4; break;
                    case OperandType.InlineI8 or OperandType.InlineR: il.Offset += 8; break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32(); // read first: 'il.Offset += 4 * il.ReadInt32()' would lose these 4 bytes
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default: throw new InvalidOperationException($"IL operand {operand} is not handled");
                }
            }
        }

        private void Entity(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition: sink.Add(NameOf(md, (TypeDefinitionHandle)handle)); break;
                case HandleKind.TypeReference: sink.Add(NameOf(md, (TypeReferenceHandle)handle)); break;
                case HandleKind.TypeSpecification: md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null); break;
                case HandleKind.MethodDefinition: sink.Add(NameOf(md, md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())); break;
                case HandleKind.FieldDefinition: sink.Add(NameOf(md, md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())); break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    if (member.Parent.Kind != HandleKind.ModuleReference) Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(this, null);
                    else member.DecodeFieldSignature(this, null);
                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    var signature = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method) signature.DecodeMethodSignature(this, null);
                    else signature.DecodeLocalSignature(this, null);
                    break;
            }
        }

        private void GenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var p in parameters)
                foreach (var c in md.GetGenericParameter(p).GetConstraints())
                    Entity(md.GetGenericParameterConstraint(c).Type);
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes) Entity(md.GetCustomAttribute(a).Constructor);
        }

        // The signature decoder calls these for every type in a signature; only named types are recorded.
        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            sink.Add(NameOf(reader, handle));
            return null;
        }
        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            sink.Add(NameOf(reader, handle));
            return null;
        }
        public object? GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetArrayType(object? elementType, ArrayShape shape) => null;
        public object? GetByReferenceType(object? elementType) => null;
        public object? GetPointerType(object? elementType) => null;
        public object? GetPinnedType(object? elementType) => null;
        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;
        public object? GetGenericMethodParameter(object? genericContext, int index) => null;
        public object? GetGenericTypeParameter(object? genericContext, int index) => null;
        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;
        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
    }

    /// <summary>Every IL opcode's operand kind, by opcode value (two-byte opcodes start with 0xFE).</summary>
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);
}
