using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// A request body read by the field model: one value per field (<see cref="FieldValue.Present"/> says whether
/// the request carried it; null and an empty XML number or boolean count as left out) plus the type problems
/// found while reading.
/// </summary>
public sealed class ParsedBody(FieldModel model)
{
    public FieldModel Model { get; } = model;

    /// <summary>Indexed by <see cref="ModelField.Index"/>.</summary>
    public FieldValue[] Values { get; } = model.NewValues();

    public List<FieldViolation> Violations { get; } = [];

    public ref FieldValue this[ModelField field] => ref Values[field.Index];

    public FieldValue ValueOf(string path) => Values[Model.Field(path).Index];

    public bool HasViolation(ModelField field)
    {
        foreach (var violation in Violations)
            if (violation.Field == field) return true;
        return false;
    }

    internal void Set(ModelField field, FieldValue value)
    {
        Values[field.Index] = value;
        for (var parent = field.Parent; parent is not null; parent = parent.Parent) Values[parent.Index].Present = true;
    }

    internal void WrongType(ModelField field) => Violations.Add(new FieldViolation(field, ApiTexts.WrongType(field.Kind)));
}
