#!/usr/bin/python3
"""Writes the fidelity fixtures in test/fixtures/xlsx/ (issue 10): workbooks as openpyxl,
LibreOffice and Excel write them, each holding the features an ExcelJS round trip used to lose.

    /usr/bin/python3 scripts/buildFidelityFixtures.py

Needs Debian's python3-openpyxl and python3-pil, and libreoffice-calc for the LibreOffice file.
The files are committed, so `npm test` needs none of these programs. Writes:

- openpyxl.xlsx: openpyxl's own package (openpyxl 3.0).
- libreoffice.xlsx: openpyxl.xlsx opened and saved again by headless LibreOffice Calc.
- excel-shaped.xlsm: a package written part by part the way Excel 365 writes one, with what
  openpyxl cannot write: sparklines and 2010 data bars in extLst, a macro project, custom XML,
  custom document properties, an external link, a calculation chain and printer settings.
"""
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule, DataBarRule, FormulaRule, Rule
from openpyxl.styles import Font, NamedStyle, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table
from PIL import Image as PilImage

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "xlsx")

# The KPI table every fixture scores: measure, target, tolerance, two quarters.
KPI_HEADER = ["Measure", "Target", "Tolerance", "Q3 Performance", "Q4 Performance"]
KPI_ROWS = [
    ["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.88, 0.92],
    ["Percentage of re-referrals within 12 months (lower the better)", 0.2, 0.25, 0.24, 0.22],
    ["Percentage of children seen within timescale", 0.95, 0.85, 0.9, 0.8],
    ["Percentage of plans reviewed on time", 0.9, 0.8, 0.91, 0.93],
    ["Percentage of care leavers in suitable accommodation", 0.85, 0.75, 0.7, 0.72],
]


def build_openpyxl(path):
    wb = Workbook()
    # Arial 10 as the workbook's default font (openpyxl's first font is the default).
    wb._fonts[0] = Font(name="Arial", size=10)
    kpis = wb.active
    kpis.title = "KPIs"
    kpis["A1"] = "Contract Key Performance Indicators"
    kpis.append(KPI_HEADER)
    for row in KPI_ROWS:
        kpis.append(row)
    for r in range(3, 3 + len(KPI_ROWS)):
        for c in "BCDE":
            kpis[f"{c}{r}"].number_format = "0%"
    kpis.column_dimensions["A"].width = 55
    kpis.column_dimensions["B"].width = 9  # exactly 9: ExcelJS used to drop it
    kpis.print_title_rows = "2:2"
    kpis.row_breaks.append(Break(id=5))
    kpis["A3"].comment = Comment("From the March return", "Officer")
    dv = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    dv.add("F3:F7")
    kpis.add_data_validation(dv)
    kpis["F2"] = "Checked?"
    # The officer's own conditional formats.
    red = DifferentialStyle(font=Font(color="FF9C0006"), fill=PatternFill(bgColor="FFFFC7CE"))
    kpis.conditional_formatting.add(
        "E3:E7", CellIsRule(operator="lessThan", formula=["0.5"], stopIfTrue=True, font=Font(italic=True))
    )
    dup = Rule(type="duplicateValues", dxf=red)
    kpis.conditional_formatting.add("A3:A7", dup)
    begins = Rule(type="beginsWith", operator="beginsWith", text="Percentage", dxf=red)
    begins.formula = ['LEFT(A3,LEN("Percentage"))="Percentage"']
    kpis.conditional_formatting.add("A3:A7", begins)
    above = Rule(type="aboveAverage", aboveAverage=False, equalAverage=True, dxf=red)
    kpis.conditional_formatting.add("D3:D7", above)
    kpis.conditional_formatting.add(
        "E3:E7", DataBarRule(start_type="min", end_type="max", color="FF638EC6", showValue=True)
    )
    kpis.conditional_formatting.add("B3:B7", FormulaRule(formula=["B3>0.9"], font=Font(bold=True)))

    notes = wb.create_sheet("Notes")
    notes["A1"] = "Notes for the quarter"
    notes["A2"] = "'0123 kept as text"
    notes["A2"].quotePrefix = True
    notes["A3"] = "Back to the KPIs"
    notes["A3"].hyperlink = Hyperlink(ref="A3", location="'KPIs'!A1", tooltip="Go to the KPI table", display="Back to the KPIs")
    highlight = NamedStyle(name="Officer highlight", font=Font(name="Arial", size=10, bold=True, color="FF1F4E79"))
    wb.add_named_style(highlight)
    notes["A4"] = "Styled by a named style"
    notes["A4"].style = "Officer highlight"
    notes.protection.sheet = True
    notes.protection.password = "secret"  # the old-style (legacy hash) sheet password

    data = wb.create_sheet("Data")
    data.append(["Area", "Cases"])
    for area, n in [("North", 12), ("South", 7), ("North", 4), ("East", 9), ("West", 3)]:
        data.append([area, n])
    data.auto_filter.ref = "A1:B6"
    data.auto_filter.add_filter_column(0, ["North"])
    data.auto_filter.add_sort_condition("B2:B6")

    lookup = wb.create_sheet("Lookup")
    lookup.append(["Code", "Team"])
    lookup.append(["N", "North team"])
    lookup.append(["S", "South team"])
    lookup.add_table(Table(displayName="Teams", ref="A1:B3"))

    chart = BarChart()
    chart.title = "Q4 performance"
    chart.add_data(Reference(kpis, min_col=5, min_row=2, max_row=2 + len(KPI_ROWS)), titles_from_data=True)
    notes.add_chart(chart, "D2")
    png = io.BytesIO()
    PilImage.new("RGB", (24, 12), (31, 78, 121)).save(png, format="PNG")
    png.seek(0)
    notes.add_image(Image(png), "D20")

    wb.defined_names.append(DefinedName("Threshold", attr_text="0.05"))
    wb.defined_names.append(DefinedName("LatestQ", attr_text="INDEX(KPIs!$D$2:$E$2,2)"))
    wb.defined_names.append(DefinedName("Threshold", localSheetId=1, attr_text="0.1"))
    wb.security = WorkbookProtection(workbookPassword="book", lockStructure=True)
    wb.save(path)


def build_libreoffice(source, path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("libreoffice-calc is needed for libreoffice.xlsx (apt-get install libreoffice-calc)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
             "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, source],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        shutil.copyfile(os.path.join(tmp, os.path.basename(source)), path)


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
MC = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr" '
      'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
      'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
CHAIN_FIRST = ' i="1"'


def kpi_sheet_xml(strings):
    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    rows = [f'<row r="1" spans="1:6"><c r="A1" t="s"><v>{s("Contract Key Performance Indicators")}</v></c></row>']
    header = "".join(f'<c r="{"ABCDE"[i]}2" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(KPI_HEADER))
    rows.append(f'<row r="2" spans="1:6">{header}</row>')
    for i, row in enumerate(KPI_ROWS):
        r = i + 3
        cells = f'<c r="A{r}" t="s"><v>{s(row[0])}</v></c>' + "".join(
            f'<c r="{c}{r}" s="1"><v>{v}</v></c>' for c, v in zip("BCDE", row[1:])
        )
        cells += f'<c r="F{r}" s="1"><f>E{r}-B{r}</f><v>{round(row[4] - row[1], 6)}</v></c>'
        rows.append(f'<row r="{r}" spans="1:6">{cells}</row>')
    sparkline_ext = (
        '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/>'
        '<x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/>'
        '<x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines>'
        + "".join(f'<x14:sparkline><xm:f>KPIs!D{r}:E{r}</xm:f><xm:sqref>G{r}</xm:sqref></x14:sparkline>' for r in range(3, 8))
        + '</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>'
    )
    databar_ext = (
        '<ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:cfRule type="dataBar" id="{8A1C2F53-3E3B-4B8E-9C5A-1D1F2F3A4B5C}"><x14:dataBar minLength="0" maxLength="100" gradient="0">'
        '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/>'
        '</x14:dataBar></x14:cfRule><xm:sqref>E3:E7</xm:sqref></x14:conditionalFormatting>'
        '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:cfRule type="iconSet" priority="5" id="{1B2C3D4E-5F60-4718-92A3-B4C5D6E7F809}"><x14:iconSet iconSet="3Triangles">'
        '<x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>33</xm:f></x14:cfvo>'
        '<x14:cfvo type="percent"><xm:f>67</xm:f></x14:cfvo></x14:iconSet></x14:cfRule><xm:sqref>D3:D7</xm:sqref>'
        '</x14:conditionalFormatting></x14:conditionalFormattings></ext>'
    )
    return (
        HEAD + f'<worksheet {NS} {MC} xr:uid="{{00000000-0001-0000-0000-000000000000}}">'
        '<sheetPr codeName="Sheet1"><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:G7"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A3" sqref="A3"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="12.75" x14ac:dyDescent="0.2"/>'
        '<cols><col min="1" max="1" width="55" customWidth="1"/><col min="2" max="2" width="9" customWidth="1"/></cols>'
        f'<sheetData>{"".join(rows)}</sheetData>'
        '<conditionalFormatting sqref="E3:E7"><cfRule type="cellIs" dxfId="0" priority="1" stopIfTrue="1" operator="lessThan"><formula>0.5</formula></cfRule>'
        '<cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>'
        '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:id>{8A1C2F53-3E3B-4B8E-9C5A-1D1F2F3A4B5C}</x14:id></ext></extLst></cfRule></conditionalFormatting>'
        '<conditionalFormatting sqref="A3:A7"><cfRule type="duplicateValues" dxfId="0" priority="3"/>'
        '<cfRule type="beginsWith" dxfId="0" priority="4" operator="beginsWith" text="Percentage"><formula>LEFT(A3,LEN("Percentage"))="Percentage"</formula></cfRule></conditionalFormatting>'
        '<conditionalFormatting sqref="D3:D7"><cfRule type="aboveAverage" dxfId="0" priority="6" aboveAverage="0" equalAverage="1"/></conditionalFormatting>'
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="H3:H7"><formula1>"Yes,No"</formula1></dataValidation></dataValidations>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" r:id="rId1"/>'
        '<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks>'
        f'<extLst>{databar_ext}{sparkline_ext}</extLst></worksheet>'
    )


def notes_sheet_xml(strings):
    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    return (
        HEAD + f'<worksheet {NS}><dimension ref="A1:A3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="12.75"/><cols><col min="1" max="1" width="9" customWidth="1"/></cols><sheetData>'
        f'<row r="1"><c r="A1" t="s"><v>{s("Notes for the quarter")}</v></c></row>'
        f'<row r="2"><c r="A2" s="2" t="s"><v>{s("0123 kept as text")}</v></c></row>'
        f'<row r="3"><c r="A3" s="3" t="s"><v>{s("Back to the KPIs")}</v></c></row>'
        '</sheetData><sheetProtection password="CF7A" sheet="1" objects="1" scenarios="1"/>'
        '<autoFilter ref="A1:A3"><filterColumn colId="0"><filters><filter val="Notes for the quarter"/></filters></filterColumn>'
        '<sortState ref="A2:A3"><sortCondition ref="A2:A3"/></sortState></autoFilter>'
        '<hyperlinks><hyperlink ref="A3" location="\'KPIs\'!A1" tooltip="Go to the KPI table" display="Back to the KPIs"/></hyperlinks>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )


def build_excel_shaped(path):
    strings = []
    sheet1 = kpi_sheet_xml(strings)
    sheet2 = notes_sheet_xml(strings)
    sst = (HEAD + f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")
    parts = {
        "[Content_Types].xml": HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
        '<Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>'
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        "</Types>",
        "_rels/.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>',
        "docProps/app.xml": HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>'
        '<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>KPIs</vt:lpstr><vt:lpstr>Notes</vt:lpstr></vt:vector></TitlesOfParts>'
        "<AppVersion>16.0300</AppVersion></Properties>",
        "docProps/core.xml": HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Performance Team</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-10T09:00:00Z</dcterms:created></cp:coreProperties>',
        "docProps/custom.xml": HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_0000_Enabled"><vt:lpwstr>true</vt:lpwstr></property>'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Classification"><vt:lpwstr>OFFICIAL-SENSITIVE</vt:lpwstr></property>'
        "</Properties>",
        "xl/workbook.xml": HEAD + f'<workbook {NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15">'
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr codeName="ThisWorkbook" defaultThemeVersion="166925"/>'
        '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="Qm9vaw==" workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>'
        '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" activeTab="1"/></bookViews>'
        '<sheets><sheet name="KPIs" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>'
        '<externalReferences><externalReference r:id="rId7"/></externalReferences>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">Notes!$A$1:$A$3</definedName>'
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">KPIs!$2:$2</definedName>"
        '<definedName name="LatestQ">INDEX(KPIs!$D$2:$E$2,2)</definedName>'
        '<definedName name="Budget">[1]Summary!$B$2</definedName>'
        '<definedName name="Threshold">0.05</definedName><definedName name="Threshold" localSheetId="1">0.1</definedName></definedNames>'
        '<calcPr calcId="191029"/></workbook>',
        "xl/_rels/workbook.xml.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId8" Type="{REL}/calcChain" Target="calcChain.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/theme" Target="theme/theme1.xml"/>'
        f'<Relationship Id="rId7" Type="{REL}/externalLink" Target="externalLinks/externalLink1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId6" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
        f'<Relationship Id="rId5" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet1,
        "xl/worksheets/_rels/sheet1.xml.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/printerSettings" Target="../printerSettings/printerSettings1.bin"/></Relationships>',
        "xl/worksheets/sheet2.xml": sheet2,
        "xl/sharedStrings.xml": sst,
        "xl/styles.xml": HEAD + f'<styleSheet {NS.split(" xmlns:r")[0]}>'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<fonts count="3"><font><sz val="10"/><name val="Arial"/><family val="2"/></font>'
        '<font><b/><sz val="10"/><color rgb="FF1F4E79"/><name val="Arial"/><family val="2"/></font>'
        '<font><u/><sz val="10"/><color theme="10"/><name val="Arial"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>'
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyNumberFormat="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="2"/></cellXfs>'
        '<cellStyles count="3"><cellStyle name="Hyperlink" xfId="2" builtinId="8"/><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        '<cellStyle name="Officer highlight" xfId="1"/></cellStyles>'
        '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>'
        '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>',
        "xl/calcChain.xml": HEAD + '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f'<c r="F{r}"{CHAIN_FIRST if r == 3 else ""}/>' for r in range(3, 8)) + "</calcChain>",
        "xl/externalLinks/externalLink1.xml": HEAD + f'<externalLink {NS}><externalBook r:id="rId1"><sheetNames><sheetName val="Summary"/></sheetNames>'
        '<sheetDataSet><sheetData sheetId="0"><row r="2"><cell r="B2"><v>1200000</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
        "xl/externalLinks/_rels/externalLink1.xml.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/externalLinkPath" Target="Budget%202024.xlsx" TargetMode="External"/></Relationships>',
        "customXml/item1.xml": HEAD + '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL"/>',
        "customXml/itemProps1.xml": HEAD + '<ds:datastoreItem ds:itemID="{6C1B8A3E-2F4D-4B5A-9C7E-1A2B3C4D5E6F}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
        '<ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>',
        "customXml/_rels/item1.xml.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/customXmlProps" Target="itemProps1.xml"/></Relationships>',
    }
    theme = os.path.join(OUT, "openpyxl.xlsx")
    with zipfile.ZipFile(theme) as z:
        parts["xl/theme/theme1.xml"] = z.read("xl/theme/theme1.xml").decode("utf-8")
    binaries = {
        # A macro project and printer settings are opaque to us: any bytes show they pass through.
        "xl/vbaProject.bin": bytes(range(256)) * 8,
        "xl/printerSettings/printerSettings1.bin": b"\x00\x01" * 600,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 10, 9, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name, data in binaries.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 10, 9, 0, 0)), data, zipfile.ZIP_DEFLATED)


def main():
    os.makedirs(OUT, exist_ok=True)
    build_openpyxl(os.path.join(OUT, "openpyxl.xlsx"))
    build_libreoffice(os.path.join(OUT, "openpyxl.xlsx"), os.path.join(OUT, "libreoffice.xlsx"))
    build_excel_shaped(os.path.join(OUT, "excel-shaped.xlsm"))
    print(f"wrote openpyxl.xlsx, libreoffice.xlsx and excel-shaped.xlsm in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
