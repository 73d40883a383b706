using Compute.Perceptron.Learning;

namespace Compute.Perceptron;

/// <summary>Buffers of one worker of <c>perceptron.teacher-student</c>, allocated once and reused for every sample.</summary>
public sealed class TeacherStudentWorkspace
{
    public const int TestBlock = 256;

    public TeacherStudentWorkspace(TeacherStudentParameters p)
    {
        var n = p.N;
        var maxP = p.MaxPatterns;
        Teacher = new float[n];
        Student = new float[n];
        Hidden = new float[n];
        Signs = new float[n];
        Data = new TrainingSet(n, maxP);
        Fields = new float[Math.Max(maxP, TestBlock)];
        TestInputs = new float[TestBlock * n];
        TestFieldsTeacher = new float[TestBlock];
        Order = new int[maxP];
        Strengths = p.Rule == "adatron" ? new double[maxP] : [];
        Correlation = p.Rule == "pseudo-inverse" ? new double[(long)maxP * maxP] : [];
        Coefficients = p.Rule == "pseudo-inverse" ? new double[maxP] : [];
        Sampler = p.Rule == "gibbs" ? new VersionSpaceSampler(n, maxP) : null;
    }

    public float[] Teacher { get; }
    public float[] Student { get; }
    public float[] Hidden { get; }
    public float[] Signs { get; }
    public TrainingSet Data { get; }
    public float[] Fields { get; }
    public float[] TestInputs { get; }
    public float[] TestFieldsTeacher { get; }
    public int[] Order { get; }
    public double[] Strengths { get; }
    public double[] Correlation { get; }
    public double[] Coefficients { get; }
    public VersionSpaceSampler? Sampler { get; }
}
