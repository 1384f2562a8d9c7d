#!/usr/bin/env bash
# The GlassFish domain of the test runs, made the way the README's "Deploy to GlassFish" makes one:
# its own ports (portbase 12000: HTTP 12080, admin 12048, so a dev server on 8080 is left alone),
# the PostgreSQL driver on the server's class path, the datasource jdbc/tenancy, named in
# tenancy.datasource, and the migrations' jdbc/tenancy-migration; and a database placement's
# jdbc/tenancy-vault and jdbc/tenancy-vault-migration.
set -euo pipefail
asadmin="${glassfish.home}/bin/asadmin"
"$asadmin" create-domain --portbase 12000 --nopassword=true tenancy-it
cp "${project.build.directory}/postgresql.jar" "${glassfish.home}/glassfish/domains/tenancy-it/lib/"
"$asadmin" start-domain tenancy-it
trap '"$asadmin" stop-domain tenancy-it' EXIT
"$asadmin" --port 12048 create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource \
    --property 'user=${it.postgres.app-user}:password=${it.postgres.app-password}:serverName=${it.postgres.host}:portNumber=${it.postgres.port}:databaseName=${it.postgres.database}' \
    tenancy-pool
"$asadmin" --port 12048 create-jdbc-resource --connectionpoolid tenancy-pool jdbc/tenancy
# The migrations' own datasource, logging in as the owner (tenancy.migration.datasource).
"$asadmin" --port 12048 create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource --steadypoolsize 0 \
    --property 'user=${it.postgres.user}:password=${it.postgres.password}:serverName=${it.postgres.host}:portNumber=${it.postgres.port}:databaseName=${it.postgres.database}' \
    tenancy-migration-pool
"$asadmin" --port 12048 create-jdbc-resource --connectionpoolid tenancy-migration-pool jdbc/tenancy-migration
# A database placement's two datasources, on the second database: bounded, and failing fast when
# that database is gone (connect and login timeouts, a 5 s wait for a connection, each connection
# checked with SELECT 1 as it is taken, the whole pool renewed when one fails).
"$asadmin" --port 12048 create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource --steadypoolsize 0 --maxpoolsize 8 --maxwait 5000 \
    --isconnectvalidatereq=true --validationmethod custom-validation \
    --validationclassname org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true \
    --property 'user=${it.postgres.app-user}:password=${it.postgres.app-password}:serverName=${it.postgres.host}:portNumber=${it.postgres.port}:databaseName=${it.postgres.placement-database}:connectTimeout=5:loginTimeout=5' \
    tenancy-vault-pool
"$asadmin" --port 12048 create-jdbc-resource --connectionpoolid tenancy-vault-pool jdbc/tenancy-vault
"$asadmin" --port 12048 create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource --steadypoolsize 0 --maxpoolsize 8 --maxwait 5000 \
    --isconnectvalidatereq=true --validationmethod custom-validation \
    --validationclassname org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true \
    --property 'user=${it.postgres.user}:password=${it.postgres.password}:serverName=${it.postgres.host}:portNumber=${it.postgres.port}:databaseName=${it.postgres.placement-database}:connectTimeout=5:loginTimeout=5' \
    tenancy-vault-migration-pool
"$asadmin" --port 12048 create-jdbc-resource --connectionpoolid tenancy-vault-migration-pool jdbc/tenancy-vault-migration
# No version banner in the Server and X-Powered-By headers (Payara and WildFly send none).
"$asadmin" --port 12048 create-jvm-options -Dproduct.name=GlassFish
"$asadmin" --port 12048 set configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.xpowered-by=false
# A system property, not the WAR's own configuration: GlassFish deploys the persistence unit before
# its MicroProfile Config serves the application (see TenancyDataSource).
"$asadmin" --port 12048 create-system-properties tenancy.datasource=jdbc/tenancy
