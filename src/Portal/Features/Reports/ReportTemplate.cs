namespace Portal.Features.Reports;

/// <summary>The source a new report starts from: every part of the format once, so that it teaches itself.</summary>
public static class ReportTemplate
{
    public const string New = """
        ---
        title: A new report
        authors:
          - name: Your Name
            affiliation: Your institute
        date: today
        abstract: One paragraph that says what was computed and what it shows, with math such as $\alpha = P/N$.
        keywords: statistical physics, machine learning
        references:
          - id: engel2001
            author: A. Engel, C. Van den Broeck
            title: Statistical Mechanics of Learning
            journal: Cambridge University Press
            year: 2001
            doi: 10.1017/CBO9781139164542
        ---

        # Introduction {#sec:intro}

        Write Markdown here; the preview on the right follows as you type. Cite with [@engel2001] and refer to
        sections, figures and equations with @sec:results or @eq:main.

        $$ \varepsilon(\alpha) = \frac{1}{\pi} \arccos R(\alpha) $$ {#eq:main}

        Note: speaker notes start with “Note:” and are shown in the presenter view only.

        ---

        # Results {#sec:results}

        Insert a figure or a number of a run with the **Embed** button of the toolbar.
        """;
}
