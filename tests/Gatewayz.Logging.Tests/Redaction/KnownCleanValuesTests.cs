using Gatewayz.Logging.Redaction;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>What the redactor remembers as clean, and what it must not.</summary>
public sealed class KnownCleanValuesTests
{
    [Fact]
    public void A_value_is_remembered_by_identity_not_by_equal_content()
    {
        var cache = new KnownCleanValues<string>();
        var remembered = string.Concat("open", "router");
        var equal = string.Concat("open", "router");

        cache.Add(remembered);

        Assert.True(cache.Contains(remembered));
        Assert.False(cache.Contains(equal));
    }

    [Fact]
    public void A_structure_with_a_secret_is_masked_each_time_the_same_instance_is_redacted()
    {
        var redactor = new Redactor();
        var structure = new StructureValue([
            new LogEventProperty("Id", new ScalarValue(7)),
            new LogEventProperty("Name", new ScalarValue("retry with password=Zk29vX81mQ")),
        ]);

        for (var i = 0; i < 3; i++)
        {
            var redacted = Assert.IsType<StructureValue>(redactor.Value(structure));
            Assert.NotSame(structure, redacted);
            var name = Assert.IsType<ScalarValue>(redacted.Properties.Single(p => p.Name == "Name").Value);
            Assert.DoesNotContain("Zk29vX81mQ", (string)name.Value!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_clean_structure_comes_back_as_the_same_instance_every_time()
    {
        var redactor = new Redactor();
        var structure = new StructureValue([
            new LogEventProperty("Id", new ScalarValue(7)),
            new LogEventProperty("Name", new ScalarValue("ProviderTimeout")),
        ]);

        Assert.Same(structure, redactor.Value(structure));
        Assert.Same(structure, redactor.Value(structure));
    }
}
