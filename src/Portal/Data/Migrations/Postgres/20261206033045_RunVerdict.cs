using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunVerdict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_CreatedAt",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_CreatedById_CreatedAt",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_ModelType_CreatedAt",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_Status_CreatedAt",
                table: "Runs");

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "Runs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs",
                column: "RerunOfId",
                filter: "\"RerunOfId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_CreatedAt_Id",
                table: "Runs",
                columns: new[] { "WorkspaceId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_CreatedById_CreatedAt_Id",
                table: "Runs",
                columns: new[] { "WorkspaceId", "CreatedById", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_ModelType_CreatedAt_Id",
                table: "Runs",
                columns: new[] { "WorkspaceId", "ModelType", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_Status_CreatedAt_Id",
                table: "Runs",
                columns: new[] { "WorkspaceId", "Status", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_CreatedAt_Id",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_CreatedById_CreatedAt_Id",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_ModelType_CreatedAt_Id",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_Status_CreatedAt_Id",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RerunOfId",
                table: "Runs",
                column: "RerunOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_CreatedAt",
                table: "Runs",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_CreatedById_CreatedAt",
                table: "Runs",
                columns: new[] { "WorkspaceId", "CreatedById", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_ModelType_CreatedAt",
                table: "Runs",
                columns: new[] { "WorkspaceId", "ModelType", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_WorkspaceId_Status_CreatedAt",
                table: "Runs",
                columns: new[] { "WorkspaceId", "Status", "CreatedAt" });
        }
    }
}
