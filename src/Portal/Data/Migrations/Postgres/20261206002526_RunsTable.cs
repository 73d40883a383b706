using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Runs",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RunTags",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunTags", x => new { x.RunId, x.Tag });
                    table.ForeignKey(
                        name: "FK_RunTags_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunValues",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunValues", x => new { x.RunId, x.Kind, x.Name });
                    table.ForeignKey(
                        name: "FK_RunValues_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_RunTags_Tag",
                table: "RunTags",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_RunValues_Kind_Name_Value",
                table: "RunValues",
                columns: new[] { "Kind", "Name", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunTags");

            migrationBuilder.DropTable(
                name: "RunValues");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_CreatedById_CreatedAt",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_ModelType_CreatedAt",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_WorkspaceId_Status_CreatedAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Runs");
        }
    }
}
