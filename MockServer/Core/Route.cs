namespace TwoFactorContracts.MockServer.Core;

/// <summary>A matched operation, the application id taken from its path, and a template's or PIN's id (msgId, pinId).</summary>
public readonly record struct Route(Operation Operation, string? ApplicationId, string? ItemId = null);
