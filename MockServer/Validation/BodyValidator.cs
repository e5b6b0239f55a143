using System.Diagnostics.CodeAnalysis;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Validation;

/// <summary>
/// The contract's rules for an application request, walked off the field model, with the real API's texts
/// (<see cref="ApiTexts"/>): required fields (a group's when the group is sent), int32 bounds, string lengths and patterns, the time and limit formats and
/// their caps. Create and update share them. A valid request's times and limits become numbers (normalised:
/// they are written back in the largest whole unit).
/// </summary>
public static class BodyValidator
{
    public static bool TryValidate(ParsedBody parsed, [NotNullWhen(false)] out ValidationError? error) =>
        TryValidate(parsed, ValidationRules.Seed, out error);

    public static bool TryValidate(ParsedBody parsed, ValidationRules rules, [NotNullWhen(false)] out ValidationError? error)
    {
        var violations = parsed.Violations;
        foreach (var field in parsed.Model.Fields)
        {
            if (!field.Contract.InRequest || parsed.HasViolation(field)) continue;
            ref var value = ref parsed[field];
            if (!value.Present)
            {
                if (field.Contract.Required && (field.Parent is null || parsed[field.Parent].Present))
                    violations.Add(new FieldViolation(field, ApiTexts.MayNotBeNull));
                continue;
            }
            if (Check(field, ref value, rules.TimeLengthOptional) is { } message)
                violations.Add(new FieldViolation(field, message));
        }

        if (violations.Count == 0)
        {
            error = null;
            return true;
        }
        // Field order, stable: the order a reader of the request expects.
        error = new ValidationError(violations.OrderBy(v => v.Order).ToArray());
        return false;
    }

    /// <summary>A string's length in characters (UTF-16 code units, as JSON Schema's validators and Bean Validation's @Size count) outside its bounds.</summary>
    private static bool OutsideLength(ContractField contract, string text) =>
        (contract.MinLength is { } shortest && text.Length < shortest) || (contract.MaxLength is { } longest && text.Length > longest);

    private static string? Check(ModelField field, ref FieldValue value, bool lengthOptional)
    {
        var contract = field.Contract;
        switch (field.Kind)
        {
            case FieldKind.Int32 or FieldKind.Int64:
                if (contract.Minimum is { } minimum && value.Number < minimum) return ApiTexts.AtLeast(minimum);
                if (contract.Maximum is { } maximum && value.Number > maximum) return ApiTexts.AtMost(maximum);
                return null;
            case FieldKind.Number:
                if (contract.ExactMinimum is { } low && value.Double < (double)low) return ApiTexts.AtLeast(low);
                if (contract.ExactMaximum is { } high && value.Double > (double)high) return ApiTexts.AtMost(high);
                return null;
            case FieldKind.String when OutsideLength(contract, value.Text!):
                return ApiTexts.SizeBetween(contract.MinLength ?? 0, contract.MaxLength ?? int.MaxValue);
            case FieldKind.String when contract.Enum is { } allowed && !allowed.Contains(value.Text!):
                return ApiTexts.OneOf(allowed);
            case FieldKind.String:
                return field.Pattern is { } pattern && !pattern.IsMatch(value.Text!) ? contract.PatternText ?? ApiTexts.MustMatch(contract.Pattern!) : null;
            case FieldKind.Time:
            {
                if (!Duration.TryParse(value.Text, out var milliseconds, lengthOptional)) return ApiTexts.TimeFormat;
                var (cap, tooLong) = ApiTexts.CapOf(field);
                if (milliseconds > cap) return tooLong;
                value = FieldValue.Of(milliseconds);
                return null;
            }
            case FieldKind.Limit:
            {
                if (!Limit.TryParse(value.Text, out var attempts, out var interval, lengthOptional)) return ApiTexts.LimitFormat;
                if (attempts > int.MaxValue) return ApiTexts.AttemptsTooLarge;
                var (cap, tooLong) = ApiTexts.CapOf(field);
                if (interval > cap) return tooLong;
                value = FieldValue.Of(attempts, interval);
                return null;
            }
            default:
                return null;
        }
    }
}
