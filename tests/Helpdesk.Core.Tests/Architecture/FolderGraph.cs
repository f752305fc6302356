using System.Reflection;
using System.Reflection.Emit;

namespace Helpdesk.Core.Tests.Architecture;

/// <summary>
/// Which of an assembly's folders (the namespace segment under a root namespace) uses which, read from the compiled
/// code: base types, interfaces, attributes, fields, properties, events, method signatures, locals, and every type,
/// method and field a method body names (its IL). Constants and nameof are folded in by the compiler and leave no trace.
/// </summary>
internal sealed class FolderGraph
{
    public const string RootNode = "(root)";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
        .DistinctBy(o => o.Value).ToDictionary(o => o.Value);

    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Folder → folders it uses, each with one example reference ("Type → Type") that makes the edge.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    public FolderGraph Add(string from, string to, string example)
    {
        if (from == to) return this;
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, example);
        if (!_edges.ContainsKey(to)) _edges[to] = new(StringComparer.Ordinal);
        return this;
    }

    /// <summary>
    /// The folder graph of <paramref name="assembly"/> under <paramref name="rootNamespace"/>. A reference for which
    /// <paramref name="ignore"/> returns true (from type, to type) is not counted.
    /// </summary>
    public static FolderGraph Of(Assembly assembly, string rootNamespace, Func<Type, Type, bool>? ignore = null)
    {
        var graph = new FolderGraph();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type, rootNamespace) is not { } from) continue;
            foreach (var used in UsedBy(type))
            {
                if (used.Assembly != assembly || FolderOf(used, rootNamespace) is not { } to || to == from) continue;
                if (ignore?.Invoke(type, used) == true) continue;
                graph.Add(from, to, $"{Name(type)} → {Name(used)}");
            }
        }
        return graph;
    }

    /// <summary>The folder a type belongs to: the namespace segment after the root, or <see cref="RootNode"/>; null outside the root.</summary>
    public static string? FolderOf(Type type, string rootNamespace)
    {
        var ns = type.Namespace;
        if (ns is null) return null;
        if (ns == rootNamespace) return RootNode;
        if (!ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(rootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>
    /// Every group of folders that reach each other (strongly connected components with more than one folder), each
    /// as the shortest cycle through every folder in it (A → B → ... → A), duplicates removed.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() =>
        Components().SelectMany(c => c.Select(start => ShortestCycle(start, c.ToHashSet())))
            .DistinctBy(Rotated).ToList();

    /// <summary>Folder groups that reach each other (Tarjan), each sorted by name.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Components()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v].Keys)
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            if (component.Count > 1) components.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in _edges.Keys)
            if (!index.ContainsKey(v)) Visit(v);
        return components;
    }

    /// <summary>The shortest way from <paramref name="start"/> back to itself inside its component.</summary>
    private IReadOnlyList<string> ShortestCycle(string start, HashSet<string> inside)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in _edges[v].Keys.Where(inside.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var at = v; at != start; at = previous[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        throw new InvalidOperationException($"{start} is in a component but on no cycle");
    }

    /// <summary>The same cycle started at its smallest folder, so A→B→A and B→A→B count once.</summary>
    private static string Rotated(IReadOnlyList<string> cycle)
    {
        var ring = cycle.Take(cycle.Count - 1).ToList();
        var first = ring.IndexOf(ring.Min(StringComparer.Ordinal)!);
        return string.Join(" → ", ring.Skip(first).Concat(ring.Take(first)));
    }

    /// <summary>The folder groups and their cycles in words, each edge with the reference that makes it; empty when there is none.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        foreach (var component in Components())
            lines.Add($"{component.Count} folders reach each other: {string.Join(", ", component)}");
        var edges = new HashSet<(string, string)>();
        foreach (var cycle in Cycles())
        {
            lines.Add(string.Join(" → ", cycle));
            for (var i = 0; i + 1 < cycle.Count; i++)
                if (edges.Add((cycle[i], cycle[i + 1])))
                    lines.Add($"    {cycle[i]} → {cycle[i + 1]}: {_edges[cycle[i]][cycle[i + 1]]}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Name(Type type) => type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Name;

    private static IEnumerable<Type> UsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new HashSet<Type>();
        void Use(Type? t)
        {
            if (t is null || t.IsGenericParameter || !found.Add(t)) return;
            if (t.HasElementType) Use(t.GetElementType());
            if (t.IsGenericType)
            {
                Use(t.GetGenericTypeDefinition());
                foreach (var a in t.GetGenericArguments()) Use(a);
            }
        }
        void UseAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes)
            {
                Use(a.AttributeType);
                foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
                    if (arg.Value is Type t) Use(t);
            }
        }

        Use(type.BaseType);
        foreach (var i in type.GetInterfaces()) Use(i);
        UseAttributes(type.CustomAttributes);
        foreach (var f in type.GetFields(all))
        {
            Use(f.FieldType);
            UseAttributes(f.CustomAttributes);
        }
        foreach (var p in type.GetProperties(all))
        {
            Use(p.PropertyType);
            UseAttributes(p.CustomAttributes);
        }
        foreach (var e in type.GetEvents(all)) Use(e.EventHandlerType);
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo m) Use(m.ReturnType);
            UseAttributes(method.CustomAttributes);
            foreach (var p in method.GetParameters()) Use(p.ParameterType);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Use(local.LocalType);
            foreach (var t in TypesNamedIn(method, body.GetILAsByteArray() ?? [])) Use(t);
        }
        return found;
    }

    /// <summary>Walks the IL and resolves each type, method and field token to the type that declares or is it.</summary>
    private static IEnumerable<Type> TypesNamedIn(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineTok:
                    var member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    at += 4;
                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case MethodInfo { IsGenericMethod: true } generic:
                            yield return generic.DeclaringType!;
                            foreach (var a in generic.GetGenericArguments()) yield return a;
                            break;
                        case not null when member.DeclaringType is { } owner:
                            yield return owner;
                            break;
                    }
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.ShortInlineR:
                    at += 4;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
            }
        }
    }
}
