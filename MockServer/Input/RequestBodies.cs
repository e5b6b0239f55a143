using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>How each operation's request body is read: its field model, an XML reader over the roots the contract names for it, and whether the contract requires it.</summary>
public sealed record RequestBody(FieldModel Model, XmlBodyReader Xml, bool Required);

/// <summary>The request bodies of every operation, built once at start; indexed by operation on the hot path.</summary>
public sealed class RequestBodies
{
    private readonly RequestBody?[] _bodies = new RequestBody?[Operation.Count];

    /// <param name="xmlRoots">The XML roots an operation's body is read under (the first is the contract's own).</param>
    /// <param name="required">The contract's <c>requestBody.required</c> of an operation.</param>
    public RequestBodies(ResourceModels models, Func<Operation, IReadOnlyList<string>> xmlRoots, Func<Operation, bool> required)
    {
        var readers = new Dictionary<(FieldModel, string), XmlBodyReader>();
        foreach (var operation in Operation.WithBehaviour)
        {
            if (models.BodyOf(operation) is not { } model) continue;
            var roots = xmlRoots(operation);
            var key = (model, string.Join(',', roots));
            if (!readers.TryGetValue(key, out var reader)) readers[key] = reader = new XmlBodyReader(model, [.. roots]);
            _bodies[operation.Index] = new RequestBody(model, reader, required(operation));
        }
    }

    /// <summary>The operation's body, or null when it takes none.</summary>
    public RequestBody? Of(Operation operation) => operation.Index < _bodies.Length ? _bodies[operation.Index] : null;
}
