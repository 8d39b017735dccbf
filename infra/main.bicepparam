// Example parameters: copy this file, change the values for your school, and pass it to `az deployment group create`.
using 'main.bicep'

param name = 'sgb-example'
param location = 'uksouth'
param teamsServiceUrl = 'https://smba.trafficmanager.net/uk/'
// Entra object ids (Entra admin centre > Users > the person > Object ID).
param dslRoster = [
  '00000000-0000-0000-0000-000000000001'
]
param dslDeputies = []
param headteacherObjectId = ''
param contentAdmins = []
param appServiceSku = 'B1'
param tags = {
  service: 'safeguarding'
}
