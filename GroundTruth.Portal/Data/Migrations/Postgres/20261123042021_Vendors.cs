using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroundTruth.Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Vendors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Jobs",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NoPersonalDataConfirmedAt",
                table: "Jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PricePerObject",
                table: "Jobs",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PricePerTask",
                table: "Jobs",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VendorCompanyId",
                table: "Jobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VendorCompanies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    WorkTeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Languages = table.Column<string>(type: "text", nullable: false),
                    Capabilities = table.Column<string>(type: "text", nullable: false),
                    PricePerObject = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SecurityAttestations = table.Column<string>(type: "text", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    ListingUpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorCompanies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VendorCompanies_WorkTeams_WorkTeamId",
                        column: x => x.WorkTeamId,
                        principalTable: "WorkTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VendorCompanyAdmins",
                columns: table => new
                {
                    VendorCompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorCompanyAdmins", x => new { x.VendorCompanyId, x.UserId });
                    table.ForeignKey(
                        name: "FK_VendorCompanyAdmins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VendorCompanyAdmins_VendorCompanies_VendorCompanyId",
                        column: x => x.VendorCompanyId,
                        principalTable: "VendorCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VendorSubscriptions",
                columns: table => new
                {
                    VendorCompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SubscribedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorSubscriptions", x => new { x.RequesterId, x.VendorCompanyId });
                    table.ForeignKey(
                        name: "FK_VendorSubscriptions_AspNetUsers_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VendorSubscriptions_VendorCompanies_VendorCompanyId",
                        column: x => x.VendorCompanyId,
                        principalTable: "VendorCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_VendorCompanyId",
                table: "Jobs",
                column: "VendorCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorCompanies_IsPublished",
                table: "VendorCompanies",
                column: "IsPublished");

            migrationBuilder.CreateIndex(
                name: "IX_VendorCompanies_Name",
                table: "VendorCompanies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VendorCompanies_WorkTeamId",
                table: "VendorCompanies",
                column: "WorkTeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VendorCompanyAdmins_UserId",
                table: "VendorCompanyAdmins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorSubscriptions_VendorCompanyId",
                table: "VendorSubscriptions",
                column: "VendorCompanyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VendorCompanyAdmins");

            migrationBuilder.DropTable(
                name: "VendorSubscriptions");

            migrationBuilder.DropTable(
                name: "VendorCompanies");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_VendorCompanyId",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "NoPersonalDataConfirmedAt",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "PricePerObject",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "PricePerTask",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "VendorCompanyId",
                table: "Jobs");
        }
    }
}
