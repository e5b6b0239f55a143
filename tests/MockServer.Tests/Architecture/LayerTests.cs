using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MockServer.Tests.Architecture;

/// <summary>
/// The mock's folders (namespaces) depend only downwards, as Prism's stage folders do: no folder reaches, through
/// any chain of others, back to itself. Read off the compiled IL (signatures, fields, attributes and every type,
/// method and field an instruction names), so a fully qualified name or a using left behind counts the same.
/// The root namespace is the composition root and the options every host part reads; the request stages below
/// it must not see it.
/// </summary>
public sealed class LayerTests
{
    private const string Root = "TwoFactorContracts.MockServer";

    /// <summary>The stages of a request and what they stand on: they read neither the options nor the host.</summary>
    private static readonly string[] Stages =
    [
        "Core", "Routing", "Credentials", "Throttling", "Negotiation", "Examples", "Input", "Validation", "Model",
        "State", "Flow", "Behaviour", "Responses", "Pipeline", "Faults", "Journal",
    ];

    private static readonly Lazy<Dictionary<string, Dictionary<string, HashSet<string>>>> Graph = new(Read);

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var cycles = StronglyConnected(Graph.Value).Where(c => c.Count > 1).ToList();
        cycles.ShouldBeEmpty(string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void Core_depends_on_nothing_of_the_mock()
    {
        Graph.Value["Core"].Keys.ShouldBeEmpty();
    }

    [Fact]
    public void The_request_stages_do_not_see_the_host_or_its_options()
    {
        var host = Graph.Value.Keys.Except(Stages).ToHashSet();
        var upwards = Stages.Where(Graph.Value.ContainsKey)
            .SelectMany(stage => Graph.Value[stage].Where(d => host.Contains(d.Key)).Select(d => $"{stage} -> {d.Key} ({string.Join(", ", d.Value.Take(3))})"))
            .ToList();
        upwards.ShouldBeEmpty(string.Join("\n", upwards));
    }

    [Fact]
    public void The_flow_has_no_stages_of_its_own()
    {
        // The templates and the PIN flow pass the same stages as the applications: no Flow* twin in a stage folder.
        var twins = Types().Where(t => Stages.Contains(FolderOf(t)) && FolderOf(t) != "Flow" && t.Name.StartsWith("Flow", StringComparison.Ordinal))
            .Select(t => t.FullName).ToList();
        twins.ShouldBeEmpty();
    }

    [Fact]
    public void The_test_sees_a_real_cycle()
    {
        // The reader must find an edge the code has: the pipeline uses routing, and routing's types are Core's.
        Graph.Value["Pipeline"].ShouldContainKey("Routing");
        Graph.Value["Routing"].ShouldContainKey("Core");
        var withBackEdge = Graph.Value.ToDictionary(g => g.Key, g => g.Value.ToDictionary(d => d.Key, d => d.Value));
        withBackEdge["Core"]["Pipeline"] = ["(added)"];
        StronglyConnected(withBackEdge).ShouldContain(c => c.Contains("Core") && c.Contains("Pipeline") && c.Contains("Routing"));
    }

    private static string Describe(List<string> cycle) =>
        $"[{string.Join(", ", cycle)}]: " + string.Join("; ", cycle.SelectMany(a => cycle.Where(b => Graph.Value[a].ContainsKey(b))
            .Select(b => $"{a} -> {b} ({string.Join(", ", Graph.Value[a][b].Take(3))})")));

    private static IEnumerable<TypeDefinition> Types()
    {
        var module = ModuleDefinition.ReadModule(typeof(TwoFactorContracts.MockServer.MockServerOptions).Assembly.Location);
        return module.Types.SelectMany(Nested).Where(t => FolderOf(t) is not null);

        static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => new[] { type }.Concat(type.NestedTypes.SelectMany(Nested));
    }

    /// <summary>The first namespace segment below the root ("Routing" for Routing and its subfolders); "" for the root; null outside the mock.</summary>
    private static string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var ns = type.Namespace;
        if (ns == Root) return "";
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        // NSwag's generated client of the contract lives under Contract; it is not a folder of ours.
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Folder -> folders it uses -> the types that use them (for the failure message).</summary>
    private static Dictionary<string, Dictionary<string, HashSet<string>>> Read()
    {
        var graph = new Dictionary<string, Dictionary<string, HashSet<string>>>();
        foreach (var type in Types())
        {
            var from = FolderOf(type)!;
            if (from == "") continue; // the composition root sees everything
            if (!graph.TryGetValue(from, out var edges)) graph[from] = edges = [];
            foreach (var used in Referenced(type))
            {
                if (FolderOf(used) is not { } to || to == from) continue;
                if (!edges.TryGetValue(to, out var by)) edges[to] = by = [];
                by.Add(type.Name);
            }
        }
        return graph;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null: return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments) Add(argument);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(reference);
                    return;
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes) Add(attribute.AttributeType);
        }
        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters) Add(parameter.ParameterType);
            if (method is GenericInstanceMethod generic)
                foreach (var argument in generic.GenericArguments) Add(argument);
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var implemented in type.Interfaces) Add(implemented.InterfaceType);
        foreach (var field in type.Fields) { Add(field.FieldType); AddAttributes(field); }
        foreach (var property in type.Properties) { Add(property.PropertyType); AddAttributes(property); }
        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method);
            if (!method.HasBody) continue;
            foreach (var variable in method.Body.Variables) Add(variable.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference m: AddMethod(m); break;
                    case FieldReference f: Add(f.DeclaringType); Add(f.FieldType); break;
                }
            }
        }
        return found;
    }

    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, HashSet<string>>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges.Keys : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            components.Add(component);
        }

        foreach (var node in graph.Keys.ToList()) if (!index.ContainsKey(node)) Visit(node);
        return components;
    }
}
