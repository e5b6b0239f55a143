using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// What a create and an update store, whichever store holds them, walking the field model. Create fills
/// every field the request left out with the contract's default; update keeps the current value of every
/// field it left out.
/// </summary>
public static class ApplicationChanges
{
    public static StoredRecord Created(ParsedBody body, ReadOnlySpan<byte> applicationId, StatefulRules rules)
    {
        var issued = new byte[]?[body.Model.Issued.Length];
        if (rules.IssuesProcessIds)
            for (var i = 0; i < issued.Length; i++) issued[i] = ApplicationIds.NewBytes();
        return Created(body, applicationId, issued);
    }

    /// <summary>A new record of any resource of the field model, with the ids it carries besides its own (a template's applicationId).</summary>
    public static StoredRecord Created(ParsedBody body, ReadOnlySpan<byte> id, byte[]?[] issued)
    {
        var model = body.Model;
        var values = new FieldValue[model.Stored.Length];
        foreach (var field in model.Stored) values[field.StoredIndex] = field.Default;
        return StoredRecord.Build(model, id, issued, Merge(values, body));
    }

    public static StoredRecord Updated(StoredRecord current, ParsedBody body)
    {
        var model = body.Model;
        return StoredRecord.Build(model, current.Bytes.AsSpan(0, FieldModel.IdBytes), current.IssuedIds(model),
            Merge(current.ReadAll(model), body));
    }

    /// <summary>
    /// A new record of <paramref name="stored"/>'s layout from a request read by its own model (a template create of
    /// either channel): each field the request takes is stored under the same path, left out its request's default; a
    /// field the request does not take stays absent (an email template has no messageText).
    /// </summary>
    public static StoredRecord Created(ParsedBody body, FieldModel stored, ReadOnlySpan<byte> id, byte[]?[] issued)
    {
        var values = new FieldValue[stored.Stored.Length];
        foreach (var field in body.Model.Stored)
            if (StoredAs(stored, field) is { } target) values[target.StoredIndex] = body[field].Present ? body[field] : field.Default;
        return StoredRecord.Build(stored, id, issued, values);
    }

    /// <summary>An update of a <paramref name="stored"/> record by a request read by its own model: what it carried, by path; the rest kept.</summary>
    public static StoredRecord Updated(StoredRecord current, ParsedBody body, FieldModel stored)
    {
        var values = current.ReadAll(stored);
        foreach (var field in body.Model.Stored)
            if (body[field].Present && StoredAs(stored, field) is { } target) values[target.StoredIndex] = body[field];
        return StoredRecord.Build(stored, current.Bytes.AsSpan(0, FieldModel.IdBytes), current.IssuedIds(stored), values);
    }

    private static ModelField? StoredAs(FieldModel stored, ModelField field)
    {
        foreach (var candidate in stored.Stored)
            if (candidate.Path == field.Path) return candidate;
        return null;
    }

    /// <summary>Every field the request carried replaces the value in <paramref name="values"/>.</summary>
    private static FieldValue[] Merge(FieldValue[] values, ParsedBody body)
    {
        foreach (var field in body.Model.Stored)
            if (body[field].Present) values[field.StoredIndex] = body[field];
        return values;
    }
}
