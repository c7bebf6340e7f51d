# Self-test of both executables of a Windows bundle or installation (release.yml):
#   packaging\windows\self-test.ps1 -Folder dist\nianbao          (the bundle)
#   packaging\windows\self-test.ps1 -Folder "$env:LOCALAPPDATA\Programs\nianbao"
# nianbao-cli.exe (console) offscreen and with the real `windows` platform plugin, plus
# `check`; nianbao.exe (windowed: no stdout, see desktop/console.py) with the `windows`
# plugin, its output read from nianbao.log beside the --db it was given. Also checks the
# version resource both carry (packaging/windows/version_info.py).
param(
    [Parameter(Mandatory)] [string]$Folder,
    [string]$Work = (Join-Path ([System.IO.Path]::GetTempPath()) "nianbao-self-test-$PID"),
    [string]$Version = ''
)
$ErrorActionPreference = 'Stop'
$cli = Join-Path $Folder 'nianbao-cli.exe'
$gui = Join-Path $Folder 'nianbao.exe'
$sample = Join-Path $PSScriptRoot '..\..\resources\sample-report.json'
New-Item -ItemType Directory -Force -Path $Work | Out-Null

function Assert-Match([string]$Text, [string]$Pattern, [string]$What) {
    if ($Text -notmatch $Pattern) { throw "${What}: no '$Pattern' in:`n$Text" }
    Write-Host "ok  ${What}: $($Matches[0])"
}

foreach ($platform in 'offscreen', 'windows') {
    $env:QT_QPA_PLATFORM = $platform
    $out = & $cli --self-test 2>&1 | Out-String
    Write-Host $out
    if ($LASTEXITCODE -ne 0) { throw "nianbao-cli --self-test ($platform) exited with $LASTEXITCODE" }
    Assert-Match $out 'self-test passed' "nianbao-cli ($platform)"
    Assert-Match $out "platform=$platform " "nianbao-cli platform plugin"
}
# the real plugin and the Windows 10/11 style plugin (qmodernwindowsstyle) were loaded
Assert-Match $out 'style=(windows11|windowsvista)' 'nianbao-cli style'

$out = & $cli check $sample 2>&1 | Out-String
if ($LASTEXITCODE -ne 0) { throw "nianbao-cli check exited with ${LASTEXITCODE}:`n$out" }

$env:QT_QPA_PLATFORM = 'windows'
$db = Join-Path $Work '数据\nianbao.db'
$process = Start-Process -FilePath $gui -ArgumentList @('--self-test', '--db', "`"$db`"") -Wait -PassThru
$log = Get-Content -Raw -Encoding UTF8 -LiteralPath (Join-Path $Work '数据\nianbao.log')
Write-Host $log
if ($process.ExitCode -ne 0) { throw "nianbao.exe --self-test exited with $($process.ExitCode)" }
Assert-Match $log 'self-test passed' 'nianbao.exe (windows)'
Assert-Match $log 'platform=windows style=(windows11|windowsvista)' 'nianbao.exe platform and style'
Remove-Item Env:QT_QPA_PLATFORM

foreach ($exe in $gui, $cli) {
    $info = (Get-Item -LiteralPath $exe).VersionInfo
    if ($info.ProductName -ne '年报助手') { throw "$exe has no version resource (ProductName '$($info.ProductName)')" }
    if ($Version -and $info.ProductVersion -ne $Version) {
        throw "$exe is version '$($info.ProductVersion)', expected '$Version'"
    }
    Write-Host "ok  $(Split-Path -Leaf $exe): $($info.ProductName) $($info.ProductVersion) ($($info.FileDescription))"
}
