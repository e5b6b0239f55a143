using System.Text.Json.Serialization;

namespace TwoFactorContracts.MockServer.Contract;

/// <summary>Source-generated JSON metadata for the generated DTOs: reading the seed at startup needs no reflection.</summary>
[JsonSerializable(typeof(List<ApplicationResponse>))]
[JsonSerializable(typeof(ApplicationResponse))]
internal sealed partial class ContractJson : JsonSerializerContext;
