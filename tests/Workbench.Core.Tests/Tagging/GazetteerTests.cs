using Workbench.Core.Editing;
using Workbench.Core.Tagging;

namespace Workbench.Core.Tests.Tagging;

public class GazetteerTests
{
    [Fact]
    public void Match_FindsEveryOccurrence()
    {
        var gazetteer = Gazetteer.Build([("包头", "LOC"), ("乌海", "LOC")]);

        var matches = gazetteer.Match("包头和乌海，包头");

        Assert.Equal([(0, 2), (3, 5), (6, 8)], matches.Select(m => (m.Start, m.End)));
    }

    [Fact]
    public void Match_PrefersLongestMatchOverNestedOnes()
    {
        var gazetteer = Gazetteer.Build([("乌兰察布", "LOC"), ("乌兰察布市农林科学研究所", "ORG"), ("察布", "LOC")]);

        var match = Assert.Single(gazetteer.Match("在乌兰察布市农林科学研究所工作"));

        Assert.Equal((1, 13, "ORG"), (match.Start, match.End, match.Entry.Label));
    }

    [Fact]
    public void Match_OverlappingEqualLengthMatches_EarlierStartWins()
    {
        var gazetteer = Gazetteer.Build([("ABC", "X"), ("BCD", "Y")]);

        var match = Assert.Single(gazetteer.Match("ABCD"));

        Assert.Equal((0, 3, "X"), (match.Start, match.End, match.Entry.Label));
    }

    [Fact]
    public void Match_LongerLaterMatchBeatsShorterEarlierOne()
    {
        var gazetteer = Gazetteer.Build([("AB", "X"), ("BCDE", "Y"), ("EF", "Z")]);

        var matches = gazetteer.Match("ABCDEF");

        Assert.Equal([(1, 5, "Y")], matches.Select(m => (m.Start, m.End, m.Entry.Label)));
    }

    [Fact]
    public void Match_EntriesSharingSuffixes_AllFound()
    {
        // Classic Aho–Corasick case: "he", "she", "his", "hers" in "ushers".
        var gazetteer = Gazetteer.Build([("he", "A"), ("she", "B"), ("his", "C"), ("hers", "D")]);

        var matches = gazetteer.Match("ushers ahishe");

        Assert.Equal([(2, 6, "D"), (8, 11, "C"), (11, 13, "A")], matches.Select(m => (m.Start, m.End, m.Entry.Label)));
    }

    [Fact]
    public void Build_TextWithSeveralLabels_TakesMostFrequentAndRecordsVotes()
    {
        var gazetteer = Gazetteer.Build([("兴安", "LOC"), ("兴安", "ORG"), ("兴安", "LOC"), ("赤峰", "ORG"), ("赤峰", "LOC")]);

        var xingan = gazetteer.Lookup("兴安")!;
        Assert.Equal("LOC", xingan.Label);
        Assert.Equal(2, xingan.Votes);
        Assert.True(xingan.IsAmbiguous);
        Assert.Equal(1, xingan.LabelCounts["ORG"]);
        Assert.Equal("LOC", gazetteer.Lookup("赤峰")!.Label); // tie: ordinal order
    }

    [Fact]
    public void Build_JoinsLineBreaksAndSkipsEmptyTexts()
    {
        var gazetteer = Gazetteer.Build([("乌兰\n察布市", "LOC"), ("New\nYork", "LOC"), (" ", "LOC"), ("x", "")]);

        Assert.Equal(["New York", "乌兰察布市"], gazetteer.Entries.Select(e => e.Text));
    }

    [Fact]
    public void Match_TextOutsideTheBmp_OffsetsInUtf16()
    {
        var gazetteer = Gazetteer.Build([("𠀀城", "LOC"), ("😀", "MISC")]);

        var matches = gazetteer.Match("😀在𠀀城");

        Assert.Equal([(0, 2, "MISC"), (3, 6, "LOC")], matches.Select(m => (m.Start, m.End, m.Entry.Label)));
    }

    [Fact]
    public void Match_NeverSplitsACombiningSequenceOrSurrogatePair()
    {
        var gazetteer = Gazetteer.Build([("Cafe", "ORG"), ("\uDC00城", "LOC")]);

        Assert.Empty(gazetteer.Match("Cafe\u0301 Paris"));
        Assert.Single(gazetteer.Match("Cafe Paris"));
        Assert.Empty(gazetteer.Match("𠀀城"));
    }

    [Fact]
    public void Suggest_GazetteerMatchAcrossALineBreak()
    {
        var suggestion = Assert.Single(TaggingPages.Suggest(TaggingPages.With(("乌兰察布市", "LOC")), "会议在乌兰", "察布市召开"));

        Assert.Equal(new SuggestionCandidate("LOC", new Anchor(1, 3), new Anchor(2, 3), "乌兰\n察布市", EntitySource.Gazetteer, "gazetteer"), suggestion);
    }

    [Fact]
    public void Suggest_LatinGazetteerEntryAcrossALineBreak()
    {
        var suggestion = Assert.Single(TaggingPages.Suggest(TaggingPages.With(("New York", "LOC")), "flights to New", "York today"));

        Assert.Equal("New\nYork", suggestion.Text);
        Assert.Equal((new Anchor(1, 11), new Anchor(2, 4)), (suggestion.Start, suggestion.End));
    }

    [Fact]
    public void Suggest_NoMatchAcrossABlankLine()
    {
        Assert.Empty(TaggingPages.Suggest(TaggingPages.With(("乌兰察布市", "LOC")), "会议在乌兰", "", "察布市召开"));
    }

    [Fact]
    public void Suggest_NonBmpCharactersBeforeAndInsideMatch_GiveUtf16Anchors()
    {
        var suggestions = TaggingPages.Suggest(TaggingPages.With(("𠀀城", "LOC"), ("徐振朋", "PER")), "😀𠀀𠀀城，徐", "振朋😀");

        Assert.Equal(
            [("LOC", new Anchor(1, 4), new Anchor(1, 7), "𠀀城"), ("PER", new Anchor(1, 8), new Anchor(2, 2), "徐\n振朋")],
            suggestions.Select(s => (s.Label, s.Start, s.End, s.Text)));
    }

    [Fact]
    public void Build_ThousandsOfEntries_MatchesAll()
    {
        var entries = Enumerable.Range(0, 5000).Select(i => ($"机构{i:D4}号", "ORG")).ToList();
        var gazetteer = Gazetteer.Build(entries);

        var matches = gazetteer.Match("由机构0042号和机构4999号与机构5000号");

        Assert.Equal(5000, gazetteer.Count);
        Assert.Equal(["机构0042号", "机构4999号"], matches.Select(m => m.Entry.Text));
    }
}
