// One Entra administrator of the PostgreSQL server. A module because the administrator's name is its object id,
// which for a managed identity is known only once the identity exists.

@description('The PostgreSQL flexible server.')
param serverName string

@description('Entra object id of the user, group or service principal.')
param objectId string

@description('Its display name, as Entra shows it (for a managed identity: the identity\'s name).')
param principalName string

@allowed([
  'ServicePrincipal'
  'Group'
  'User'
])
param principalType string

param tenantId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: serverName
}

resource administrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: objectId
  properties: {
    principalName: principalName
    principalType: principalType
    tenantId: tenantId
  }
}
