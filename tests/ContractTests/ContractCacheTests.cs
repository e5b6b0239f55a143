using System.Collections;
using System.Reflection;
using System.Text;
using TwoFactorContracts.Contract;

namespace ContractTests;

/// <summary>
/// The start-up cache of <see cref="ContractDocument.Load(string?, string?)"/> is the parse, kept: a document read
/// from it is the same model as a parsed one, member for member, and a cache of another contract or a damaged one is
/// never read. A member added to the model and left out of the cache fails the first test.
/// </summary>
public sealed class ContractCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-contract-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The views the mock asks for at start (every operation's answer and roots, each resource's fields, the outcomes).</summary>
    private static void AskViews(ContractDocument contract)
    {
        foreach (var operation in contract.AllOperations)
        {
            contract.XmlRootsOf(operation.OperationId);
            if (operation.Responses.Any(r => r.IsSuccess && r.Examples.Count > 0) && operation.Tag != ContractDocument.ApplicationsTag)
                try { contract.AnswerOf(operation.OperationId); } catch (InvalidDataException) { /* a list answers no object */ }
        }
        contract.FieldsOf("createMessageTemplate", "getMessageTemplate");
        contract.FieldsOf("sendPinOverSms", null);
        _ = contract.SendOutcomes;
    }

    private ContractDocument Written(string contractPath)
    {
        var first = ContractDocument.Load(contractPath, _folder);
        AskViews(first);
        first.SaveCache();
        Directory.GetFiles(_folder, "contract-cache-*.bin").ShouldHaveSingleItem();
        return ContractDocument.Load(contractPath, _folder);
    }

    [Fact]
    public void A_cached_document_is_the_parsed_model_member_for_member()
    {
        var parsed = ContractDocument.Load();
        var cached = Written(ContractDocument.DefaultPath);
        cached.ShouldNotBeSameAs(parsed);
        cached.AllOperations[0].RequestExamples.Concat(cached.AllOperations[0].ResponseExamples)
            .ShouldAllBe(e => !parsed.AllOperations[0].ResponseExamples.Contains(e), "read from the file, not the parse's instances");

        Dump(cached.AllOperations).ShouldBe(Dump(parsed.AllOperations));
        Dump(cached.AllOperations.SelectMany(o => o.Cases)).ShouldBe(Dump(parsed.AllOperations.SelectMany(o => o.Cases)));
        Dump(cached.Fields).ShouldBe(Dump(parsed.Fields));
        Dump(cached.XmlNames).ShouldBe(Dump(parsed.XmlNames));
        Dump(cached.SendOutcomes).ShouldBe(Dump(parsed.SendOutcomes));
        Dump(cached.FieldsOf("createMessageTemplate", "getMessageTemplate")).ShouldBe(Dump(parsed.FieldsOf("createMessageTemplate", "getMessageTemplate")));
        foreach (var operation in parsed.AllOperations)
        {
            Dump(cached.XmlRootsOf(operation.OperationId)).ShouldBe(Dump(parsed.XmlRootsOf(operation.OperationId)), operation.OperationId);
            foreach (var field in parsed.Fields.All)
            foreach (var facet in ContractProvenance.Facets)
                cached.Operation(operation.OperationId).RuleSource(field.Path, facet).ShouldBe(parsed.Operation(operation.OperationId).RuleSource(field.Path, facet));
        }
    }

    [Fact]
    public void What_the_cache_does_not_hold_is_read_from_the_contract()
    {
        var cached = Written(ContractDocument.DefaultPath);
        var parsed = ContractDocument.Load();
        var create = cached.Operation("createApplication");
        create.RequestSchema(BodyFormat.Json).Validate("""{"name":"x"}""").ShouldBeEmpty();
        create.RequestSchema(BodyFormat.Json).Validate("{}").ShouldNotBeEmpty();
        cached.Provenance.Decisions.Keys.ShouldBe(parsed.Provenance.Decisions.Keys);
        Dump(cached.FieldsOf("verifyPin", null)).ShouldBe(Dump(parsed.FieldsOf("verifyPin", null)));
    }

    [Fact]
    public void A_changed_contract_is_read_afresh_and_its_old_cache_removed()
    {
        var copy = Path.Combine(_folder, "contract", ContractDocument.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(ContractDocument.DefaultPath, copy);
        var before = Written(copy);
        before.Operation("createApplication").FindResponseExample("basic", BodyFormat.Json)!.Text.ShouldContain("Test application BASIC");

        File.WriteAllText(copy, File.ReadAllText(copy).Replace("Test application BASIC", "Renamed in the copy"));
        var after = ContractDocument.Load(copy, _folder);
        after.Operation("createApplication").FindResponseExample("basic", BodyFormat.Json)!.Text.ShouldContain("Renamed in the copy");
        var oldFile = Directory.GetFiles(_folder, "contract-cache-*.bin").ShouldHaveSingleItem();
        after.SaveCache();
        Directory.GetFiles(_folder, "contract-cache-*.bin").ShouldHaveSingleItem().ShouldNotBe(oldFile);
    }

    [Fact]
    public void A_damaged_cache_is_only_a_slower_start()
    {
        Written(ContractDocument.DefaultPath);
        var file = Directory.GetFiles(_folder, "contract-cache-*.bin").Single();
        File.WriteAllText(file, "{\"XmlNames\": 12");
        var contract = ContractDocument.Load(ContractDocument.DefaultPath, _folder);
        Dump(contract.AllOperations).ShouldBe(Dump(ContractDocument.Load().AllOperations));
        contract.SaveCache();
        File.ReadAllText(file).Length.ShouldBeGreaterThan(1000, "rewritten whole");
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_leaves_the_start_as_it_was()
    {
        var missing = Path.Combine(_folder, "no", "such", "folder");
        var contract = ContractDocument.Load(ContractDocument.DefaultPath, missing);
        Should.NotThrow(contract.SaveCache);
        Directory.Exists(missing).ShouldBeFalse();
        contract.AllOperations.Count.ShouldBe(ContractDocument.Load().AllOperations.Count);
    }

    /// <summary>
    /// Every public property, read recursively (dictionaries by key, lists in order), as text. A function-valued or
    /// back-referencing member (a case's operation) is named, not followed.
    /// </summary>
    private static string Dump(object? value)
    {
        var text = new StringBuilder();
        Write(value, 0, []);
        return text.ToString();

        void Write(object? item, int depth, HashSet<object> path)
        {
            switch (item)
            {
                case null: text.Append("null"); return;
                case string or bool or int or long or decimal or double or Enum or TimeSpan: text.Append(item); return;
                case ContractOperation operation when depth > 0 && path.Any(p => p is ContractCase): text.Append("op:").Append(operation.OperationId); return;
                case ReadOnlyMemory<byte> bytes: text.Append(Convert.ToBase64String(bytes.Span)); return;
                case Delegate: text.Append("fn"); return;
            }
            if (depth > 12 || !path.Add(item)) { text.Append("..."); return; }
            if (item is IDictionary dictionary)
            {
                text.Append('{');
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    text.Append(key).Append('=');
                    Write(dictionary[key], depth + 1, path);
                    text.Append(';');
                }
                text.Append('}');
            }
            else if (item is IEnumerable sequence)
            {
                var entries = sequence.Cast<object?>().ToList();
                // A read-only dictionary without IDictionary: its pairs, ordered by key.
                if (entries.FirstOrDefault()?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                    entries = [.. entries.OrderBy(e => e!.GetType().GetProperty("Key")!.GetValue(e)!.ToString(), StringComparer.Ordinal)];
                text.Append('[');
                foreach (var entry in entries) { Write(entry, depth + 1, path); text.Append(','); }
                text.Append(']');
            }
            else
            {
                text.Append(item.GetType().Name).Append('(');
                foreach (var property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name))
                {
                    text.Append(property.Name).Append(':');
                    Write(property.GetValue(item), depth + 1, path);
                    text.Append(' ');
                }
                text.Append(')');
            }
            path.Remove(item);
        }
    }
}
