using Workbench.Core.Tagging;

namespace Workbench.Core.Tests.Tagging;

public class LabelRulesTests
{
    [Fact]
    public void Defaults_AreValidWithDistinctColoursAndHotkeys()
    {
        var defaults = LabelDefinition.Defaults;

        Assert.Null(LabelRules.ValidateAll(defaults));
        Assert.Equal(["PER", "ORG", "LOC", "DATE"], defaults.Select(l => l.Name));
        Assert.Equal(["人名", "机构", "地名", "日期"], defaults.Select(l => l.DisplayName));
        Assert.Equal([1, 2, 3, 4], defaults.Select(l => l.Hotkey ?? 0));
        Assert.Equal(4, defaults.Select(l => l.Color.ToUpperInvariant()).Distinct().Count());
        Assert.All(defaults, l => Assert.False(l.Retired));
    }

    [Theory]
    [InlineData("PER", null)]
    [InlineData("EVENT_2", null)]
    [InlineData("WORK-OF-ART", null)]
    [InlineData("人名", null)]
    [InlineData("", "needs a name")]
    [InlineData("A B", "may only contain")]
    [InlineData("A|B", "may only contain")]
    [InlineData("X123456789X123456789X123456789X123456789X1234567890", "at most 50")]
    [InlineData("X123456789X123456789X123456789X123456789X123456789", null)]
    public void ValidateName_AcceptsLettersDigitsUnderscoreAndHyphenUpTo50(string name, string? error)
    {
        var result = LabelRules.ValidateName(name);

        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("#1a2B3c", true)]
    [InlineData("#000000", true)]
    [InlineData("1a2b3c", false)]
    [InlineData("#12345", false)]
    [InlineData("#12345g", false)]
    [InlineData("red", false)]
    public void IsColor_RequiresHashAndSixHexDigits(string color, bool valid) => Assert.Equal(valid, LabelRules.IsColor(color));

    [Fact]
    public void Validate_RejectsDuplicateNameIgnoringCase()
    {
        var error = LabelRules.Validate(new LabelDefinition("per", "人", "#123456", null, false), LabelDefinition.Defaults);

        Assert.Equal("There is already a label named PER.", error);
    }

    [Fact]
    public void Validate_RejectsHotkeyUsedByAnotherActiveLabel()
    {
        var error = LabelRules.Validate(new LabelDefinition("EVENT", "事件", "#123456", 2, false), LabelDefinition.Defaults);

        Assert.Equal("Hotkey 2 is already used by label ORG.", error);
    }

    [Fact]
    public void Validate_AllowsHotkeyOfRetiredLabel()
    {
        var others = LabelDefinition.Defaults.Select(l => l.Name == "ORG" ? l with { Retired = true } : l);

        Assert.Null(LabelRules.Validate(new LabelDefinition("EVENT", "事件", "#123456", 2, false), others));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Validate_RejectsHotkeyOutside1To9(int hotkey)
    {
        var error = LabelRules.Validate(new LabelDefinition("EVENT", "事件", "#123456", hotkey, false), []);

        Assert.Contains("1 to 9", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsBadColourAndMissingDisplayName()
    {
        Assert.Contains("#rrggbb", LabelRules.Validate(new LabelDefinition("EVENT", "事件", "blue", null, false), []), StringComparison.Ordinal);
        Assert.Contains("display name", LabelRules.Validate(new LabelDefinition("EVENT", " ", "#123456", null, false), []), StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_RecommendsUppercaseWithoutBlocking()
    {
        var label = new LabelDefinition("Event", "事件", "#123456", null, false);

        Assert.Null(LabelRules.Validate(label, []));
        Assert.Equal("Label names are usually uppercase; consider EVENT.", LabelRules.Advise(label));
        Assert.Null(LabelRules.Advise(label with { Name = "EVENT" }));
    }
}
