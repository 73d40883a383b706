using Compute.EnergyModels.Data;
using Shared.Models;

namespace Compute.Tests.EnergyModels.Data;

public class BinaryDataParserTests
{
    private static (BinaryMatrix? Data, List<FieldError> Errors) Parse(string text, int maxRows = 1000, int maxColumns = 1000)
    {
        var errors = new List<FieldError>();
        var data = BinaryDataParser.Parse(text, maxRows, maxColumns, errors);
        return (data, errors);
    }

    private static string SingleError(string text, int maxRows = 1000, int maxColumns = 1000)
    {
        var (data, errors) = Parse(text, maxRows, maxColumns);
        Assert.Null(data);
        var e = Assert.Single(errors);
        Assert.Equal("file", e.Field);
        return e.Message;
    }

    [Fact]
    public void Parse_Csv_ReadsRowsWithCommentsAndBlankLines()
    {
        var errors = new List<FieldError>();
        var data = BinaryDataParser.Parse("# header comment\r\n0,1,1\r\n\r\n1, 0 ,0  # trailing comment\n", 10, 10, errors, out var format);
        Assert.Empty(errors);
        Assert.NotNull(data);
        Assert.Equal(2, data.Rows);
        Assert.Equal(3, data.Columns);
        Assert.Equal(new byte[] { 0, 1, 1, 1, 0, 0 }, data.Data);
        Assert.True(format!.CommaSeparated);
        Assert.False(format.SpinEncoded);
    }

    [Fact]
    public void Parse_Whitespace_ReadsTabsAndSpaces()
    {
        var (data, errors) = Parse("0 1\t1 0\n1  1 0\t0");
        Assert.Empty(errors);
        Assert.Equal(new byte[] { 0, 1, 1, 0, 1, 1, 0, 0 }, data!.Data);
    }

    [Fact]
    public void Parse_SpinRows_MapsMinusOneToZeroAndSaysSo()
    {
        var errors = new List<FieldError>();
        var data = BinaryDataParser.Parse("1 -1 +1\n-1 -1 1\n", 10, 10, errors, out var format);
        Assert.Empty(errors);
        Assert.Equal(new byte[] { 1, 0, 1, 0, 0, 1 }, data!.Data);
        Assert.True(format!.SpinEncoded);
        Assert.Contains("±1 spins mapped to 0/1", format.Description);
    }

    [Fact]
    public void Parse_RaggedRow_NamesLineAndCounts()
    {
        var message = SingleError("0 1 0\n# c\n1 1 1\n1 1\n");
        Assert.Equal("line 4: expected 3 values like the first row (line 1), found 2.", message);
    }

    [Fact]
    public void Parse_WrongCharacter_NamesLineColumnAndToken()
    {
        var message = SingleError("0,1,0\n1,2,0\n");
        Assert.StartsWith("line 2, column 2: '2' is not a binary value", message);
    }

    [Fact]
    public void Parse_UnseparatedDigits_HintsAtSeparators()
    {
        var message = SingleError("0110\n");
        Assert.Contains("line 1, column 1: '0110'", message);
        Assert.Contains("separated", message);
    }

    [Fact]
    public void Parse_HeaderRow_IsRejected()
    {
        Assert.StartsWith("line 1, column 1: 'x1' is not a binary value", SingleError("x1,x2\n0,1\n"));
    }

    [Fact]
    public void Parse_EmptyCsvField_IsRejected()
    {
        Assert.Equal("line 1: empty value at column 2 (two commas in a row or a trailing comma).", SingleError("0,,1\n"));
        Assert.Contains("empty value at column 3", SingleError("0,1,\n"));
    }

    [Fact]
    public void Parse_MixedEncodings_IsRejected()
    {
        var message = SingleError("0 1 1\n-1 1 1\n");
        Assert.Equal("line 2, column 1: found -1 but line 1 uses 0/1 values; use either 0/1 or ±1 throughout.", message);
    }

    [Fact]
    public void Parse_MixedSeparators_IsRejected()
    {
        Assert.Contains("line 2: found a comma", SingleError("0 1\n0,1\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("# only a comment\n")]
    public void Parse_Empty_IsRejected(string text)
    {
        var message = SingleError(text);
        Assert.True(message.StartsWith("The file is empty", StringComparison.Ordinal) || message.StartsWith("The file has no data rows", StringComparison.Ordinal), message);
    }

    [Fact]
    public void Parse_TooManyRows_NamesLimit()
    {
        Assert.Equal("line 4: more than 3 data rows; the limit is 3 rows.", SingleError("0\n1\n0\n1\n", maxRows: 3));
    }

    [Fact]
    public void Parse_TooManyColumns_NamesLimit()
    {
        Assert.Equal("line 1: more than 4 values in a row; the limit is 4 columns.", SingleError("0 1 0 1 1\n", maxColumns: 4));
    }

    [Fact]
    public void Parse_ManyBadRows_StopsAfterFiveErrors()
    {
        var text = "0 1\n" + string.Concat(Enumerable.Repeat("0 1 1\n", 20));
        var (data, errors) = Parse(text);
        Assert.Null(data);
        Assert.Equal(6, errors.Count);
        Assert.Contains("Stopped reading at line 6", errors[^1].Message);
    }
}
