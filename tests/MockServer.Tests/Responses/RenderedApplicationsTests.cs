using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.State;

namespace MockServer.Tests.Responses;

/// <summary>A get keeps its body for the next get of the same version, and never answers another version or application with it.</summary>
public class RenderedApplicationsTests
{
    private static readonly FieldModel Model = TestModel.Default;

    private static StoredRecord Application(string idHex, string name)
    {
        var values = Model.Stored.Select(f => f.Default).ToArray();
        values[Model.Field("name").StoredIndex] = FieldValue.Of(name);
        return StoredRecord.Build(Model, Convert.FromHexString(idHex), Model.Issued.Select(_ => (byte[]?)null).ToArray(), values);
    }

    private static ResponseRenderer Renderer() => new(new XmlBodies(ContractDocument.Load().XmlNames, Model), new JsonBodies(Model));

    private static string Read(ResponseRenderer renderer, StoredRecord application, MediaType type) =>
        Encoding.UTF8.GetString(renderer.Answer(Operation.GetApplication, 200, new Reply(application), type).Body.Span);

    [Theory]
    [InlineData(MediaType.Json)]
    [InlineData(MediaType.Xml)]
    public void A_second_get_of_one_version_is_answered_with_the_bytes_of_the_first(MediaType type)
    {
        var renderer = Renderer();
        var application = Application("0123456789ABCDEF0123456789ABCDEF", "kept");
        var first = renderer.Answer(Operation.GetApplication, 200, new Reply(application), type).Body;
        var second = renderer.Answer(Operation.GetApplication, 200, new Reply(application), type).Body;
        second.ShouldBe(first);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first, out var a).ShouldBeTrue();
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(second, out var b).ShouldBeTrue();
        b.Array.ShouldBeSameAs(a.Array);
        // A create or update answer is not kept: it renders afresh.
        var updateAnswer = renderer.Answer(Operation.UpdateApplication, 200, new Reply(application), type).Body;
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(updateAnswer, out var c).ShouldBeTrue();
        c.Array.ShouldNotBeSameAs(a.Array);
    }

    [Theory]
    [InlineData(MediaType.Json)]
    [InlineData(MediaType.Xml)]
    public void An_updated_version_is_never_answered_with_the_body_kept_for_the_one_before(MediaType type)
    {
        var renderer = Renderer();
        const string id = "00000001AAAAAAAAAAAAAAAAAAAAAAAA";
        Read(renderer, Application(id, "before"), type).ShouldContain("before");
        var updated = Read(renderer, Application(id, "after"), type);
        updated.ShouldContain("after");
        updated.ShouldNotContain("before");
    }

    [Fact]
    public void Two_applications_sharing_a_slot_each_get_their_own_body()
    {
        var renderer = Renderer();
        // Same first four bytes: the same slot of the kept bodies.
        var one = Application("00000002AAAAAAAAAAAAAAAAAAAAAAAA", "one");
        var two = Application("00000002BBBBBBBBBBBBBBBBBBBBBBBB", "two");
        Read(renderer, one, MediaType.Json).ShouldContain("\"one\"");
        Read(renderer, two, MediaType.Json).ShouldContain("\"two\"");
        Read(renderer, one, MediaType.Json).ShouldContain("\"one\"");
        Read(renderer, two, MediaType.Xml).ShouldContain(">two<");
        Read(renderer, one, MediaType.Xml).ShouldContain(">one<");
    }
}
