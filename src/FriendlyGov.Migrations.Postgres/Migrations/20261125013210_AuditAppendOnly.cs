using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only for the application's role: updates, deletes and truncation raise.
            migrationBuilder.Sql(@"CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_no_change"" BEFORE UPDATE OR DELETE ON ""AuditEntries""
FOR EACH ROW EXECUTE FUNCTION audit_append_only();");
            migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_no_truncate"" BEFORE TRUNCATE ON ""AuditEntries""
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""AuditEntries_no_change"" ON ""AuditEntries"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""AuditEntries_no_truncate"" ON ""AuditEntries"";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_append_only();");
        }
    }
}
