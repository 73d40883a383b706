using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Workspaces;

namespace Portal.Features.Reports;

/// <summary>
/// The Examples workspace's session "Physics meets machine learning": three short reports on the example runs
/// (online Hebb learning, the Ising model, a flow sampler for φ⁴), each readable as paper and talk. Added once,
/// when the example runs exist and the workspace has no session yet.
/// </summary>
public static class ExampleReports
{
    public const string SessionTitle = "Physics meets machine learning";

    public static async Task EnsureAsync(PortalDb db, Workspace examples, CancellationToken ct)
    {
        if (await db.Sessions.AnyAsync(s => s.WorkspaceId == examples.Id, ct)) return;
        var runs = await db.Runs.Where(r => r.WorkspaceId == examples.Id && r.Seed == DemoContent.ExampleSeed)
            .OrderBy(r => r.CreatedAt).Select(r => new { r.Id, r.ModelType }).ToListAsync(ct);
        Guid? Run(string type) => runs.FirstOrDefault(r => r.ModelType == type)?.Id;
        if (Run("perceptron.online-hebb") is not { } hebb || Run("ebm.ising") is not { } ising || Run("flow.phi4") is not { } phi4) return;

        var now = DateTimeOffset.UtcNow;
        Report Add(string source)
        {
            var report = new Report
            {
                Id = Guid.CreateVersion7(), WorkspaceId = examples.Id, Title = FrontMatter.Split(source, []).Front.Title, Source = source, Revision = 1,
                CreatedAt = now, UpdatedAt = now,
            };
            db.Reports.Add(report);
            return report;
        }
        var reports = new[] { Add(Hebb(hebb)), Add(Ising(ising)), Add(Phi4(phi4)) };
        var session = new Session
        {
            Id = Guid.CreateVersion7(), WorkspaceId = examples.Id, Title = SessionTitle, Date = DateOnly.FromDateTime(now.UtcDateTime),
            Venue = "Phase Portal seminar room", Chairs = "The Examples workspace", CreatedAt = now, UpdatedAt = now,
        };
        string[] speakers = ["A. Student", "B. Spin", "C. Flow"];
        for (var i = 0; i < reports.Length; i++)
            session.Slots.Add(new SessionSlot
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, Order = i, Start = new TimeOnly(14, 0).AddMinutes(25 * i), DurationMinutes = 20,
                Speaker = speakers[i], ReportId = reports[i].Id, Title = reports[i].Title, Abstract = FrontMatter.Split(reports[i].Source, []).Front.Abstract ?? "",
            });
        session.Slots.Add(new SessionSlot
        {
            Id = Guid.CreateVersion7(), SessionId = session.Id, Order = reports.Length, Start = new TimeOnly(15, 15), DurationMinutes = 30, Speaker = "All",
            Title = "Discussion: which physics should the next model type check?", Abstract = "Open discussion.",
        });
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
    }

    private static string Hebb(Guid run) => """
        ---
        title: Online Hebb learning against the exact learning curve
        authors:
          - name: A. Student
            affiliation: Examples workspace
        abstract: A spherical student learns a teacher perceptron online with the Hebb rule. The measured test error follows the exact $\varepsilon(\alpha) = \arccos(R)/\pi$ within its error bars.
        keywords: perceptron, online learning, teacher-student
        references:
          - id: engel2001
            author: A. Engel, C. Van den Broeck
            title: Statistical Mechanics of Learning
            journal: Cambridge University Press
            year: 2001
            doi: 10.1017/CBO9781139164542
        ---

        # Setting {#sec:setting}

        One fresh example per step, $\alpha = t/N$. The overlap with the teacher grows as [@engel2001]

        $$ R(\alpha) = \sqrt{\frac{2\alpha}{2\alpha + \pi}}, \qquad \varepsilon = \frac{1}{\pi}\arccos R $$ {#eq:hebb}

        Note: the whole theory is one line: the Hebb student is the teacher plus Gaussian noise.

        ---

        # Result {#sec:result}

        {{figure run=RUN name=learning-curve caption="Test error of online Hebb learning against @eq:hebb." #fig:eps}}

        At the end of training the test error is {{metric run=RUN name=epsilon_final}}, against {{metric run=RUN name=epsilon_exact}} for $N \to \infty$ (@fig:eps).

        Note: point at the last marker; the exact curve goes through its error bar.

        ---

        # Checks

        {{checks run=RUN}}
        """.Replace("RUN", run.ToString());

    private static string Ising(Guid run) => """
        ---
        title: The 2D Ising model against Kaufman and Onsager
        authors:
          - name: B. Spin
            affiliation: Examples workspace
        abstract: Markov chain Monte Carlo of the two-dimensional Ising model on a small torus, compared with Kaufman's exact finite-size solution and Onsager's infinite lattice.
        keywords: Ising model, Monte Carlo, exact solution
        references:
          - id: kaufman1949
            author: B. Kaufman
            title: "Crystal Statistics. II. Partition Function Evaluated by Spinor Analysis"
            journal: Phys. Rev.
            volume: "76"
            pages: 1232
            year: 1949
            doi: 10.1103/PhysRev.76.1232
          - id: onsager1944
            author: L. Onsager
            title: "Crystal Statistics. I. A Two-Dimensional Model with an Order-Disorder Transition"
            journal: Phys. Rev.
            volume: "65"
            pages: 117
            year: 1944
            doi: 10.1103/PhysRev.65.117
        ---

        # Model {#sec:model}

        $H = -J \sum_{\langle ij \rangle} s_i s_j$ on an $L \times L$ torus. The infinite lattice orders at [@onsager1944]

        $$ \beta_c = \tfrac{1}{2} \ln\left(1 + \sqrt{2}\right) $$ {#eq:betac}

        ---

        # Energy {#sec:energy}

        {{figure run=RUN name=energy caption="Energy per site: simulation, Kaufman's finite-$L$ result [@kaufman1949] and Onsager's limit." #fig:energy}}

        Near @eq:betac the simulation gives {{metric run=RUN name=energy_near_beta_c}}; the exact finite-size value is {{metric run=RUN name=energy_exact_near_beta_c}}.

        Note: finite size rounds the transition; compare with the Kaufman curve, not with Onsager's.

        ---

        # Checks

        {{checks run=RUN}}
        """.Replace("RUN", run.ToString());

    private static string Phi4(Guid run) => """
        ---
        title: A normalizing-flow sampler for lattice φ⁴
        authors:
          - name: C. Flow
            affiliation: Examples workspace
        abstract: A RealNVP flow trained by reverse Kullback-Leibler divergence proposes field configurations of two-dimensional φ⁴ theory; importance sampling and neural MCMC are compared with a local Metropolis chain.
        keywords: normalizing flows, lattice field theory, importance sampling
        references:
          - id: albergo2019
            author: M. S. Albergo, G. Kanwar, P. E. Shanahan
            title: Flow-based generative models for Markov chain Monte Carlo in lattice field theory
            journal: Phys. Rev. D
            volume: "100"
            pages: "034515"
            year: 2019
            arxiv: "1904.12072"
        ---

        # Action {#sec:action}

        $$ S[\phi] = \sum_x \left[ -2\sum_\mu \phi_x \phi_{x+\mu} + (4 + m^2)\,\phi_x^2 + \lambda \phi_x^4 \right] $$ {#eq:action}

        The flow $q_\theta$ is trained to minimise $\mathrm{KL}(q_\theta \,\|\, e^{-S}/Z)$ [@albergo2019].

        ---

        # Two-point function {#sec:g}

        {{figure run=RUN name=two-point caption="$G(r)$ from the flow and from local Metropolis." #fig:g}}

        ---

        # Magnetization

        {{figure run=RUN name=magnetization caption="Distribution of $M/V$." #fig:m}}

        $\langle |M| \rangle / V$ = {{metric run=RUN name=absM_nis}} by importance sampling, {{metric run=RUN name=absM_baseline}} by local Metropolis.

        Note: the NMCMC acceptance rate is {{metric run=RUN name=acceptance_nmcmc}}.
        """.Replace("RUN", run.ToString());
}
