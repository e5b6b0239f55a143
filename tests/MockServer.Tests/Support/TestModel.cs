using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;

namespace MockServer.Tests.Support;

/// <summary>The field model of the contract the tests were built with.</summary>
public static class TestModel
{
    public static readonly FieldModel Default = new(ContractDocument.Load().Fields);

    /// <summary>The paths of the fields a request carried (groups included), in field order.</summary>
    public static string[] PresentPaths(this ParsedBody parsed) =>
        parsed.Model.Fields.Where(f => parsed[f].Present).Select(f => f.Path).ToArray();

    public static string? TextOf(this ParsedBody parsed, string path) => parsed.ValueOf(path).Text;

    public static long NumberOf(this ParsedBody parsed, string path) => parsed.ValueOf(path).Number;
}
