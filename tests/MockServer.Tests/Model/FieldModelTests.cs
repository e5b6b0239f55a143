using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.Validation;

namespace MockServer.Tests.Model;

/// <summary>The field model: one table from the contract drives reading, storing and merging.</summary>
public class FieldModelTests
{
    private static readonly FieldModel Model = TestModel.Default;

    private static ParsedBody Valid(string json)
    {
        JsonBodyReader.TryRead(Model, Encoding.UTF8.GetBytes(json), out var parsed, out var error).ShouldBeTrue(error?.Text);
        BodyValidator.TryValidate(parsed, out var invalid).ShouldBeTrue(invalid?.Text);
        return parsed;
    }

    [Fact]
    public void The_table_comes_from_the_contract()
    {
        Model.Stored.Select(f => f.Path).ShouldBe(ContractDocument.Load().Fields.All
            .Where(f => f.InRequest && f.Kind != FieldKind.Object).Select(f => f.Path));
        Model.Id.Path.ShouldBe("applicationId");
        Model.Issued.Select(f => f.Path).ShouldBe(["processId"]);
        Model.Field("configuration.pinAttempts").Default.Number.ShouldBe(10);
        Model.Field("configuration.verifyPinLimit").Default.Interval.ShouldBe(3 * Duration.Second);
    }

    [Fact]
    public void A_stored_application_is_compact_and_reads_back_every_value()
    {
        var created = ApplicationChanges.Created(Valid("""{"name":"Test application BASIC","configuration":{"pinTimeToLive":"120m"}}"""),
            ApplicationIds.NewBytes(), StatefulRules.Seed);
        // 16-byte ids, numbers for times and limits, the name as UTF-8: well under the 300 bytes with overheads.
        created.Bytes.Length.ShouldBeLessThan(160);
        created.Read(Model.Field("name")).Text.ShouldBe("Test application BASIC");
        created.Read(Model.Field("enabled")).Number.ShouldBe(1);
        created.Read(Model.Field("configuration.pinTimeToLive")).Number.ShouldBe(2 * Duration.Hour);
        created.Read(Model.Field("configuration.sendPinPerPhoneNumberLimit")).Interval.ShouldBe(Duration.Day);
        created.IssuedId(0).Length.ShouldBe(16);
    }

    [Fact]
    public void An_update_changes_what_it_carries_and_keeps_the_rest()
    {
        var created = ApplicationChanges.Created(Valid("""{"name":"a","enabled":false,"configuration":{"pinAttempts":3}}"""),
            ApplicationIds.NewBytes(), StatefulRules.Seed);
        var updated = ApplicationChanges.Updated(created, Valid("""{"name":"b","configuration":{"verifyPinLimit":"2/60s"}}"""));
        updated.Bytes.AsSpan(0, 16).SequenceEqual(created.Bytes.AsSpan(0, 16)).ShouldBeTrue("the id is kept");
        updated.IssuedId(0).SequenceEqual(created.IssuedId(0)).ShouldBeTrue("the processId is kept");
        updated.Read(Model.Field("name")).Text.ShouldBe("b");
        updated.Read(Model.Field("enabled")).Number.ShouldBe(0);
        updated.Read(Model.Field("configuration.pinAttempts")).Number.ShouldBe(3);
        updated.Read(Model.Field("configuration.verifyPinLimit")).Number.ShouldBe(2);
        updated.Read(Model.Field("configuration.verifyPinLimit")).Interval.ShouldBe(Duration.Minute);
    }

    [Fact]
    public void Json_and_xml_read_to_the_same_values()
    {
        var json = Valid("""{"name":" n ","enabled":false,"configuration":{"pinAttempts":4,"pinTimeToLive":"2h"}}""");
        new XmlBodyReader(Model, ["request"]).TryRead(Encoding.UTF8.GetBytes(
            "<request><name> n </name><enabled>false</enabled><configuration><pinAttempts> 4 </pinAttempts><pinTimeToLive>120m</pinTimeToLive></configuration></request>"),
            out var xml, out var error).ShouldBeTrue(error?.Text);
        BodyValidator.TryValidate(xml, out _).ShouldBeTrue();
        foreach (var field in Model.Stored)
        {
            var (a, b) = (json[field], xml[field]);
            (a.Present, a.Number, a.Interval, a.Text).ShouldBe((b.Present, b.Number, b.Interval, b.Text), field.Path);
        }
    }

    [Fact]
    public void Groups_nest_at_any_depth_and_their_required_fields_bind_only_when_the_group_is_sent()
    {
        var contract = ContractDocument.Load();
        var template = new FieldModel(contract.FieldsOf("createMessageTemplate", "createMessageTemplate"));
        var principal = template.Field("regional.indiaDlt.principalEntityId");
        (principal.Parent!.Path, principal.Parent.Parent!.Path, principal.Parent.Parent.Parent).ShouldBe(("regional.indiaDlt", "regional", null));
        (principal.Contract.Required, principal.Contract.MaxLength, template.Field("regional.indiaDlt.teleMarketerId").Contract.MaxLength)
            .ShouldBe((true, 30, 255));
        template.Field("regional").Children.Select(f => f.Path).ShouldBe(["regional.indiaDlt"]);
        template.Stored.Select(f => f.Path).ShouldContain("regional.indiaDlt.contentTemplateId");

        ParsedBody Read(string json)
        {
            JsonBodyReader.TryRead(template, Encoding.UTF8.GetBytes(json), out var parsed, out var error).ShouldBeTrue(error?.Text);
            return parsed;
        }
        const string text = "\"messageText\":\"{{pin}}\",\"pinType\":\"HEX\"";
        BodyValidator.TryValidate(Read("{" + text + "}"), out _).ShouldBeTrue("no group, nothing of it required");
        BodyValidator.TryValidate(Read("{" + text + ",\"regional\":{}}"), out _).ShouldBeTrue("an empty regional sends no indiaDlt");
        BodyValidator.TryValidate(Read("{" + text + ",\"regional\":{\"indiaDlt\":{}}}"), out var missing).ShouldBeFalse();
        missing!.Text.ShouldBe("[regional.indiaDlt.principalEntityId : may not be null]");

        var stored = ApplicationChanges.Created(Read("{" + text + ",\"regional\":{\"indiaDlt\":{\"principalEntityId\":\"P\"}}}"),
            ApplicationIds.NewBytes(), new byte[]?[template.Issued.Length]);
        (stored.HasAnyInside(template.Field("regional")), stored.HasAnyInside(template.Field("regional.indiaDlt"))).ShouldBe((true, true));
        var plain = ApplicationChanges.Created(Read("{" + text + "}"), ApplicationIds.NewBytes(), new byte[]?[template.Issued.Length]);
        plain.HasAnyInside(template.Field("regional")).ShouldBeFalse("a template without regional options answers none");
    }

    [Fact]
    public void The_layout_id_changes_with_the_table()
    {
        var fields = ContractDocument.Load().Fields;
        var added = fields with
        {
            All = [.. fields.All.Take(fields.All.Count - 2),
                new ContractField("configuration.pinLength", "pinLength", "pinLength", FieldKind.Int32, "configuration",
                    InRequest: true, InResponse: true, Required: false, Nullable: true, Default: "6", Pattern: null, Minimum: 4, Maximum: null, ResponseOrder: 99),
                .. fields.All.TakeLast(2)],
        };
        var larger = new FieldModel(added);
        larger.LayoutId.ShouldNotBe(Model.LayoutId);
        larger.Field("configuration.pinLength").Default.Number.ShouldBe(6);
    }
}
