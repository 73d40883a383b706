using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reproducibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RunCount",
                table: "Workspaces",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "Runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "RerunOfId",
                table: "Runs",
                type: "TEXT",
                nullable: true);

            // Existing runs are numbered 1, 2, … by creation time within their workspace; the counter continues from there.
            migrationBuilder.Sql("""
                UPDATE Runs SET Number = (SELECT COUNT(*) FROM Runs AS r2 WHERE r2.WorkspaceId = Runs.WorkspaceId
                    AND (r2.CreatedAt < Runs.CreatedAt OR (r2.CreatedAt = Runs.CreatedAt AND r2.Id <= Runs.Id)));
                """);
            migrationBuilder.Sql("UPDATE Workspaces SET RunCount = (SELECT COUNT(*) FROM Runs WHERE Runs.WorkspaceId = Workspaces.Id);");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs",
                column: "RerunOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_Number",
                table: "Runs",
                columns: new[] { "WorkspaceId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Runs_Runs_RerunOfId",
                table: "Runs",
                column: "RerunOfId",
                principalTable: "Runs",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Runs_Runs_RerunOfId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_Number",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RunCount",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RerunOfId",
                table: "Runs");
        }
    }
}
