using MemoryCourse.Lab.LiveNode;

namespace MemoryCourse.Tests.Lab.LiveNode;

public class NodeLabTests
{
    private static string Dir => LiveNodeLab.Directory;

    [Fact]
    public void None_hides_node_and_says_so_in_one_line()
    {
        var lab = NodeLab.Find(Dir, "none", Environment.GetEnvironmentVariable("PATH"));
        Assert.False(lab.IsLive);
        Assert.Null(lab.NodePath);
        Assert.StartsWith("node is hidden (MEMCOURSE_NODE=none): showing the runs the course captured with node v20.20.2", lab.Status);
        Assert.DoesNotContain('\n', lab.Status);
    }

    [Fact]
    public void A_node_path_that_does_not_exist_is_named()
    {
        var lab = NodeLab.Find(Dir, "/no/such/node", null);
        Assert.False(lab.IsLive);
        Assert.Contains("/no/such/node does not exist", lab.Status);
    }

    [Fact]
    public void No_node_on_the_path_means_captures()
    {
        var lab = NodeLab.Find(Dir, null, Path.GetTempPath());
        Assert.False(lab.IsLive);
        Assert.StartsWith("node is not installed here", lab.Status);
    }

    [Fact]
    public void An_executable_that_is_not_node_is_not_taken_for_node()
    {
        string fake = Path.Combine(Directory.CreateTempSubdirectory("memcourse-fake-node-").FullName, "node");
        File.WriteAllText(fake, "#!/bin/sh\necho hello\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var lab = NodeLab.Find(Dir, fake, null);
        Assert.False(lab.IsLive);
        Assert.Contains("did not answer as node", lab.Status);
    }

    [Theory]
    [MemberData(nameof(ChapterWorkloads.Names), MemberType = typeof(ChapterWorkloads))]
    public void Without_node_every_chapter_run_comes_from_a_shipped_capture(string name)
    {
        var workload = ChapterWorkloads.All[name];
        var run = NodeLab.CapturesOnly(Dir, "test").Run(workload);
        Assert.Equal(NodeRunSource.Capture, run.Source);
        Assert.Equal(NodeVersions.Calibrated, run.Versions);
        Assert.True(run.Gc.Count > 0 || run.Samples.Count > 0, $"{name}: the capture has neither GC lines nor samples");
        Assert.StartsWith("captured: node v20.20.2", run.Summary);
    }

    [Fact]
    public void Without_node_a_run_nobody_captured_is_missing_and_says_which()
    {
        var workload = NodeWorkload.AllocJs(12_345, 7);
        var run = NodeLab.CapturesOnly(Dir, "node is hidden (test)").Run(workload);
        Assert.Equal(NodeRunSource.Missing, run.Source);
        Assert.False(run.HasOutput);
        Assert.Contains("`node --trace-gc --no-turbo-escape alloc.js 12345 7`", run.Summary);
        Assert.StartsWith("Node is hidden (test), and the course ships no capture", run.Summary);
    }

    [Fact]
    public void Chapter_captures_are_recorded_when_asked()
    {
        // MEMCOURSE_UPDATE_CAPTURES=1 on a machine with node records data/node/lab/captures again.
        if (Environment.GetEnvironmentVariable("MEMCOURSE_UPDATE_CAPTURES") != "1") return;
        var lab = LiveNodeLab.ForThisMachine();
        Assert.True(lab.IsLive, lab.Status);
        string folder = Path.Combine(Dir, "captures");
        Directory.CreateDirectory(folder);
        foreach (var (name, workload) in ChapterWorkloads.All)
        {
            var run = lab.Run(workload);
            Assert.False(run.TimedOut, run.Summary);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), NodeCapture.Format(run));
        }
    }
}
