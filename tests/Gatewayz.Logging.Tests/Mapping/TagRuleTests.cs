using Gatewayz.Logging.Mapping;

namespace Gatewayz.Logging.Tests;

public sealed class TagRuleTests
{
    [Theory]
    [InlineData("provider", "provider")]
    [InlineData("model_id", "model_id")]
    [InlineData("http.status:code-x", "http.status:code-x")]
    [InlineData("user segment", "user_segment")]
    [InlineData("provider/name", "provider_name")]
    [InlineData("ünïcode", "_n_code")]
    [InlineData("a_name_that_is_far_longer_than_thirty_two_characters", "a_name_that_is_far_longer_than_t")]
    [InlineData("release", "log_release")]
    [InlineData("Function", "log_Function")]
    [InlineData("user", "log_user")]
    [InlineData("dist", "log_dist")]
    [InlineData("filename", "log_filename")]
    public void Keys_are_made_valid(string name, string expected)
    {
        var key = TagRule.Key(name);

        Assert.Equal(expected, key);
        Assert.True(key!.Length <= 32);
        Assert.Matches("^[A-Za-z0-9_.:-]+$", key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("///")]
    [InlineData("\n\t")]
    public void Keys_with_nothing_usable_are_refused(string name) => Assert.Null(TagRule.Key(name));

    [Theory]
    [InlineData("openrouter", "openrouter")]
    [InlineData("line one\nline two", "line one line two")]
    [InlineData("tab\there\r\n", "tab here")]
    [InlineData("", "(empty)")]
    [InlineData("   ", "(empty)")]
    [InlineData("\n", "(empty)")]
    public void Values_are_made_valid(string value, string expected) => Assert.Equal(expected, TagRule.Value(value));

    [Fact]
    public void Long_values_are_cut_to_200_characters_ending_in_an_ellipsis()
    {
        var value = TagRule.Value(new string('x', 500));

        Assert.Equal(200, value.Length);
        Assert.EndsWith("…", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        var value = TagRule.Value(new string('x', 198) + "😀😀😀");

        Assert.True(value.Length <= 200);
        Assert.False(char.IsHighSurrogate(value[^2]));
    }

    [Fact]
    public void A_lone_surrogate_is_repaired()
    {
        Assert.Equal("a\uFFFDb", TagRule.Value("a\uD800b"));
    }
}
