using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class GradingMessagesTests
{
    [Fact]
    public void A_line_is_told_in_the_cell_and_in_the_file_when_the_file_line_is_known()
    {
        Assert.Equal("line 3 of the cell (line 12 of your file)", GradingMessages.Where(3, 10));
        Assert.Equal("line 3 of the cell", GradingMessages.Where(3, 0));
        Assert.Equal("an unknown line", GradingMessages.Where(0, 10));
    }

    [Fact]
    public void A_message_of_several_lines_becomes_one_line()
    {
        Assert.Equal("a | b | c", GradingMessages.OneLine("a\r\n\n b \nc\n"));
    }
}
