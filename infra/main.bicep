// StaffGuideBot in one resource group of the school's Azure subscription.
// What it creates, and why each piece is there, is in docs/deploy.md. Nothing here is a secret: the bot signs in
// with a user-assigned managed identity (to Teams, to PostgreSQL and to Key Vault), so there is no client secret to
// leak or to expire.
//
//   az deployment group create --resource-group <group> --template-file infra/main.bicep \
//     --parameters infra/main.bicepparam
//
// Hosting: Azure App Service on Linux (.NET 10), deployed as a zip of `dotnet publish`. Chosen over Container Apps
// because the bot runs background work (DSL reminders, delivery retries) that must not scale to zero, needs no
// container registry or image build, and is the platform a school's IT team is most likely to know.

targetScope = 'resourceGroup'

@description('A short name for this school\'s deployment, used in every resource name: lower-case letters, digits and hyphens, e.g. "sgb-stmarys".')
@minLength(3)
@maxLength(20)
param name string

@description('Where the resources go. UK schools: uksouth or ukwest.')
param location string = resourceGroup().location

@description('The school\'s Microsoft Entra tenant id (Entra admin centre > Overview). Only activities from this tenant are accepted.')
param tenantId string = tenant().tenantId

@description('The Teams service URL for the school\'s region. UK tenants: https://smba.trafficmanager.net/uk/')
param teamsServiceUrl string = 'https://smba.trafficmanager.net/uk/'

@description('Leave empty (the default) for the managed identity: nothing to create in Entra, no secret to expire. Only if your organisation requires an app registration instead: its application (client) id. The bot is then single-tenant and reads its client secret from Key Vault (secret "bot-client-secret", see docs/deploy.md).')
param appRegistrationClientId string = ''

@description('With an app registration: when its client secret expires (e.g. 2027-06-30), so the bot warns 30 days before.')
param credentialExpiresOn string = ''

@description('Entra object ids of the DSL and deputies: the only people who may act on reports. Can also be set later in the web app\'s settings.')
param dslRoster array = []

@description('Entra object ids of the deputy DSLs, mentioned when a report waits too long.')
param dslDeputies array = []

@description('Entra object id of the headteacher, told privately (by reference only) when an urgent report is not acknowledged. Optional.')
param headteacherObjectId string = ''

@description('Entra object ids of the people who look after the bot\'s wording; they are told when a content change is refused.')
param contentAdmins array = []

@description('Entra object id of a group of IT staff who may administer the database (as well as the bot\'s own identity). Optional.')
param databaseAdminGroupObjectId string = ''

@description('Display name of that group, as Entra shows it.')
param databaseAdminGroupName string = ''

@description('App Service plan size. B1 is enough for a school; P0v3 or larger for a trust serving many schools.')
@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('How many instances of the bot run. Above 1 they share the PostgreSQL database, which is designed for it.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Days PostgreSQL keeps point-in-time backups (7 to 35).')
@minValue(7)
@maxValue(35)
param backupRetentionDays int = 35

@description('Days Log Analytics keeps the bot\'s logs. The logs never hold report content.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Tags for every resource, e.g. { owner: \'IT\', service: \'safeguarding\' }.')
param tags object = {}

@description('The Key Vault certificate that protects the Data Protection key ring at rest. Create it in the vault before the bot first starts (docs/deploy.md).')
param keyRingCertificateName string = 'dataprotection'


var unique = uniqueString(resourceGroup().id, name)
var webAppName = '${name}-${unique}'
var keyVaultName = take('kv${replace(name, '-', '')}${unique}', 24)
var databaseName = 'staffguidebot'
var useAppRegistration = !empty(appRegistrationClientId)
var botAppId = useAppRegistration ? appRegistrationClientId : identity.properties.clientId
// Roles the bot's identity needs, and nothing more.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
// Reads the key ring's certificate (its versions; the private key itself is read as a secret).
var keyVaultCertificateUserRole = 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only with an Entra token (the bot's identity), not with the connection string alone.
    DisableLocalAuth: true
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
  tags: tags
}

resource insightsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, 'monitoring-metrics-publisher')
  scope: insights
  properties: {
    // Monitoring Metrics Publisher: lets the bot send telemetry with its Entra token.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultCertificateUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultCertificateUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCertificateUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-db-${unique}'
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    // Entra sign-in only: there is no database password anywhere.
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource databaseItself 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: database
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Connections from Azure services only (the web app's outbound addresses are among them); every connection still
// needs an Entra token and TLS. docs/deploy.md says how to move to private networking instead.
resource databaseFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: database
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// The bot's identity signs in to PostgreSQL as itself; it creates its one table on first use.
module databaseBotAdmin 'modules/database-admin.bicep' = {
  name: 'database-admin-bot'
  dependsOn: [
    databaseItself
    databaseFromAzure
  ]
  params: {
    serverName: database.name
    objectId: identity.properties.principalId
    principalName: identity.name
    principalType: 'ServicePrincipal'
    tenantId: tenantId
  }
}

// Entra administrators are added one at a time.
module databaseItAdmins 'modules/database-admin.bicep' = if (!empty(databaseAdminGroupObjectId)) {
  name: 'database-admin-it'
  dependsOn: [
    databaseBotAdmin
  ]
  params: {
    serverName: database.name
    objectId: databaseAdminGroupObjectId
    principalName: databaseAdminGroupName
    principalType: 'Group'
    tenantId: tenantId
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var listSettings = concat(
  map(range(0, length(dslRoster)), i => { name: 'Dsl__Roster__${i}', value: string(dslRoster[i]) }),
  map(range(0, length(dslDeputies)), i => { name: 'Dsl__Deputies__${i}', value: string(dslDeputies[i]) }),
  map(range(0, length(contentAdmins)), i => { name: 'Content__Admins__${i}', value: string(contentAdmins[i]) })
)

// Only with an app registration: its secret, read by App Service from Key Vault with the managed identity (a
// reference, never the value), and the secret's expiry for the bot's warning.
var appRegistrationSettings = useAppRegistration
  ? [
      {
        name: 'MicrosoftAppPassword'
        value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=bot-client-secret)'
      }
      { name: 'MicrosoftAppPasswordExpiresOn', value: credentialExpiresOn }
    ]
  : []

var appSettings = concat(
  [
    // Production: local mode is refused, the tenant list is required and only Teams service URLs are trusted
    // (appsettings.Production.json and the start-up checks).
    { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
    { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
    { name: 'WEBSITES_PORT', value: '8080' }
    // The deployed zip runs as it is, read-only and swapped in whole: a deployment never leaves half the files new.
    { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
    { name: 'MicrosoftAppType', value: useAppRegistration ? 'SingleTenant' : 'UserAssignedMSI' }
    { name: 'MicrosoftAppId', value: botAppId }
    { name: 'MicrosoftAppTenantId', value: tenantId }
    { name: 'BotAuthentication__AllowedTenants__0', value: tenantId }
    { name: 'BotAuthentication__TrustedServiceUrls__0', value: teamsServiceUrl }
    { name: 'Storage__Provider', value: 'Postgres' }
    {
      name: 'Storage__PostgresConnectionString'
      value: 'Host=${database.properties.fullyQualifiedDomainName};Database=${databaseName};Username=${identity.name};SSL Mode=VerifyFull'
    }
    { name: 'Storage__PostgresEntraClientId', value: identity.properties.clientId }
    // The key ring in the database is protected by this Key Vault certificate (create it before the first start:
    // docs/deploy.md); without it a copy of the database and its keys could be read.
    { name: 'DataProtection__KeyVaultCertificateUri', value: '${vault.properties.vaultUri}certificates/${keyRingCertificateName}' }
    { name: 'DataProtection__KeyVaultClientId', value: identity.properties.clientId }
    { name: 'Dsl__TenantId', value: tenantId }
    { name: 'Dsl__ServiceUrl', value: teamsServiceUrl }
    { name: 'Dsl__Headteacher', value: headteacherObjectId }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
    { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  ],
  appRegistrationSettings,
  listSettings
)

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet StaffGuideBot.dll'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz/ready'
      appSettings: appSettings
    }
  }
}

// Deployments sign in with Entra (az webapp deploy), never with a shared publishing password.
resource noFtpPassword 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource noScmPassword 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${unique}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'S1'
  }
  properties: {
    displayName: 'StaffGuideBot'
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: useAppRegistration ? 'SingleTenant' : 'UserAssignedMSI'
    msaAppId: botAppId
    msaAppMSIResourceId: useAppRegistration ? null : identity.id
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The web app to deploy the zip to (az webapp deploy --name ...).')
output webAppName string = site.name

@description('The messaging endpoint the Azure Bot calls.')
output messagingEndpoint string = bot.properties.endpoint

@description('The bot\'s app id: use it as MicrosoftAppId for `manifest package`. It is an identifier, not a secret.')
output botAppId string = botAppId

@description('The Key Vault for any certificate the school adds later.')
output keyVaultName string = vault.name

@description('The PostgreSQL server, for backups and for the IT admin group.')
output databaseServer string = database.properties.fullyQualifiedDomainName
