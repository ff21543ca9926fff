# Build the Windows bundles of Statuscope into dist\ (run on Windows; not run on the Linux CI):
#   dist\statuscope\statuscope.exe       the app (windowed, no console)
#   dist\statuscope\statuscope-cli.exe   its console twin: `statuscope-cli show 404 --json`
#   dist\statuscope-onefile.exe          one self-extracting executable (windowed)
#   dist\Statuscope-<version>-windows-x64.zip   the one-folder bundle, zipped
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 [-OnedirOnly]
#
# Creates build\venv with the app's dependencies (pyproject.toml), pinned PySide6-Essentials
# and PyInstaller, and Pillow; renders build\icons\statuscope.ico from
# resources\icons\statuscope.svg with packaging\make_icons.py; runs packaging\statuscope.spec
# (version resource and icon are set there); smoke-tests the console twin.
# Environment: PYTHON (default: the `py -3.11` launcher), PYSIDE_VERSION, PYINSTALLER_VERSION.
[CmdletBinding()]
param([switch]$OnedirOnly)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = if ($env:STATUSCOPE_BUILD_VENV) { $env:STATUSCOPE_BUILD_VENV } else { Join-Path $Root 'build\venv' }
$PySideVersion = if ($env:PYSIDE_VERSION) { $env:PYSIDE_VERSION } else { '6.11.3' }
$PyInstallerVersion = if ($env:PYINSTALLER_VERSION) { $env:PYINSTALLER_VERSION } else { '6.22.3' }
$Clock = [System.Diagnostics.Stopwatch]::StartNew()

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Py = Join-Path $Venv 'Scripts\python.exe'
if (-not (Test-Path $Py)) {
    Write-Host "== creating $Venv"
    if ($env:PYTHON) { Invoke-Checked $env:PYTHON @('-m', 'venv', $Venv) }
    else { Invoke-Checked 'py' @('-3.11', '-m', 'venv', $Venv) }
}

$Deps = & $Py -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))"
if ($LASTEXITCODE -ne 0) { throw 'cannot read the dependencies from pyproject.toml' }
Write-Host '== installing build requirements'
Invoke-Checked $Py (@('-m', 'pip', 'install', '--quiet', '--disable-pip-version-check') + @($Deps) + @(
    "PySide6-Essentials==$PySideVersion", "shiboken6==$PySideVersion",
    "pyinstaller==$PyInstallerVersion", 'pillow'))

Write-Host '== icons'
$env:QT_QPA_PLATFORM = 'offscreen'
Invoke-Checked $Py @('packaging\make_icons.py', '--ico', 'build\icons\statuscope.ico')
Remove-Item Env:QT_QPA_PLATFORM
$env:STATUSCOPE_ICON_DIR = Join-Path $Root 'build\icons'

function Build-Bundle([string]$OneFile) {
    $env:STATUSCOPE_ONEFILE = $OneFile
    try {
        Invoke-Checked $Py @('-m', 'PyInstaller', '--noconfirm', '--log-level', 'WARN',
            '--distpath', (Join-Path $Root 'dist'), '--workpath', (Join-Path $Root 'build\pyinstaller'),
            'packaging\statuscope.spec')
    } finally {
        Remove-Item Env:STATUSCOPE_ONEFILE -ErrorAction SilentlyContinue
    }
}

Write-Host '== building the one-folder bundle'
Build-Bundle '0'
if (-not $OnedirOnly) {
    Write-Host '== building the one-file executable'
    Build-Bundle '1'
}

Write-Host '== smoke test (console twin)'
Invoke-Checked $Py @('packaging\smoke_test.py', '--binary', 'dist\statuscope\statuscope-cli.exe', '--no-onefile')

$Version = & $Py -c "import ast; t = ast.parse(open('app/__init__.py', encoding='utf-8').read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == '__version__'))"
$Zip = "dist\Statuscope-$Version-windows-x64.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path 'dist\statuscope' -DestinationPath $Zip

function Get-SizeMB([string]$Path) {
    $sum = (Get-ChildItem -Path $Path -Recurse -File | Measure-Object -Property Length -Sum).Sum
    '{0:N1} MB' -f ($sum / 1MB)
}
Write-Host ''
Write-Host "== Statuscope $Version for Windows"
$Files = (Get-ChildItem -Path 'dist\statuscope' -Recurse -File).Count
Write-Host "dist\statuscope\           $(Get-SizeMB 'dist\statuscope'), $Files files"
if (-not $OnedirOnly) { Write-Host "dist\statuscope-onefile.exe $(Get-SizeMB 'dist\statuscope-onefile.exe')" }
Write-Host "$Zip $(Get-SizeMB $Zip)"
Write-Host ('total {0:N0} s' -f $Clock.Elapsed.TotalSeconds)
