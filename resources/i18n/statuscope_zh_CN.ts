<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Categories</name>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>Classes</name>
    <message>
        <source>Informational</source>
        <translation>信息响应</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Redirection</source>
        <translation>重定向</translation>
    </message>
    <message>
        <source>Client Error</source>
        <translation>客户端错误</translation>
    </message>
    <message>
        <source>Server Error</source>
        <translation>服务器错误</translation>
    </message>
</context>
<context>
    <name>CodeTable</name>
    <message>
        <source>Code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>CopyMenu</name>
    <message>
        <source>Copy description</source>
        <translation>复制描述</translation>
    </message>
    <message>
        <source>Copy status line</source>
        <translation>复制状态行</translation>
    </message>
    <message>
        <source>Copy bilingual line</source>
        <translation>复制中英对照行</translation>
    </message>
    <message>
        <source>Copy Markdown row</source>
        <translation>复制 Markdown 表格行</translation>
    </message>
    <message>
        <source>Copy example response</source>
        <translation>复制示例响应</translation>
    </message>
    <message>
        <source>Copy constant</source>
        <translation>复制常量</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Do not retry</source>
        <translation>不要重试</translation>
    </message>
    <message>
        <source>Retry after fixing the request</source>
        <translation>修正请求后重试</translation>
    </message>
    <message>
        <source>Retry with backoff</source>
        <translation>退避后重试</translation>
    </message>
    <message>
        <source>Retry after the Retry-After delay</source>
        <translation>按 Retry-After 延迟后重试</translation>
    </message>
    <message>
        <source>Retry idempotent requests</source>
        <translation>仅重试幂等请求</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Temporary registration: it expired on %1 unless it was renewed. Check the IANA registry.</source>
        <extracomment>How many imported codes returned with a status the IANA entry lists by name.</extracomment>
        <translation>临时注册：除非已续期，该注册已于 %1 到期。请查看 IANA 注册表。</translation>
    </message>
    <message>
        <source>Temporary registration: it expires on %1 unless renewed.</source>
        <translation>临时注册：除非续期，将于 %1 到期。</translation>
    </message>
    <message>
        <source>Specification:</source>
        <translation>规范：</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Typical causes</source>
        <translation>常见原因</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <source>Cacheable by default (heuristically).</source>
        <translation>默认可缓存（启发式）。</translation>
    </message>
    <message>
        <source>Not cacheable by default.</source>
        <translation>默认不可缓存。</translation>
    </message>
    <message>
        <source>Retry and caching</source>
        <translation>重试与缓存</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>相关头字段</translation>
    </message>
    <message>
        <source>Often confused with</source>
        <translation>容易混淆的状态码</translation>
    </message>
    <message>
        <source>Also known as</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>In code</source>
        <translation>代码中的常量</translation>
    </message>
    <message>
        <source>More from the source</source>
        <translation>来源中的其他信息</translation>
    </message>
    <message>
        <source>Example response</source>
        <translation>示例响应</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>“%1” is a former name: IANA now calls it “%2”.</source>
        <translation>“%1”是旧名称：IANA 现在称之为“%2”。</translation>
    </message>
    <message>
        <source>What the standard says</source>
        <translation>标准的说法</translation>
    </message>
    <message>
        <source>All %1 of them</source>
        <translation>查看全部 %1 个</translation>
    </message>
    <message>
        <source>Imported codes returned with %1 (%2)</source>
        <translation>以 %1 返回的导入错误码（%2 个）</translation>
    </message>
    <message>
        <source>deprecated since %1</source>
        <translation>自 %1 起已弃用</translation>
    </message>
    <message>
        <source>removed in %1</source>
        <translation>已在 %1 中移除</translation>
    </message>
    <message>
        <source>Checked against the library versions shown.</source>
        <translation>已按所示的库版本核对。</translation>
    </message>
    <message>
        <source>No code matches “%1”.</source>
        <translation>没有与“%1”匹配的状态码。</translation>
    </message>
    <message>
        <source>Try a number (404), a class (4xx), a range (500-504), words of the phrase, or clear the filters.</source>
        <translation>试试输入数字（404）、类别（4xx）、范围（500-504）、短语中的词，或清除筛选条件。</translation>
    </message>
    <message>
        <source>Select a code to see what it means.</source>
        <translation>选择一个状态码查看其含义。</translation>
    </message>
    <message>
        <source>Copy description</source>
        <extracomment>code → (how many imported codes are returned with it, the first few): the window&apos;s index answers it; None: no imported registries</extracomment>
        <translation>复制描述</translation>
    </message>
    <message>
        <source>Copy status line</source>
        <translation>复制状态行</translation>
    </message>
    <message>
        <source>Copy Markdown row</source>
        <translation>复制 Markdown 表格行</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>More copy formats</source>
        <translation>更多复制格式</translation>
    </message>
    <message>
        <source>Code details</source>
        <translation>状态码详情</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Statuscope error</source>
        <translation>Statuscope 错误</translation>
    </message>
    <message>
        <source>Something went wrong. Statuscope keeps running; the details were written to %1.</source>
        <translation>出现错误。Statuscope 仍在运行；详细信息已写入 %1。</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <source>Export the current view</source>
        <translation>导出当前视图</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 codes to %2</source>
        <translation>已将 %1 个状态码导出到 %2</translation>
    </message>
</context>
<context>
    <name>ExtraFields</name>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>Name in the other language</source>
        <translation>另一种语言的名称</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>官方</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>HTTP status code</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>Vendor error code</source>
        <translation>厂商错误码</translation>
    </message>
    <message>
        <source>Message / phrase</source>
        <translation>错误信息 / 短语</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Registry name:</source>
        <translation>注册表名称：</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>找到：</translation>
    </message>
    <message>
        <source>Table %1</source>
        <translation>表格 %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Vendor phrase</source>
        <translation>厂商短语</translation>
    </message>
    <message>
        <source>IANA phrase</source>
        <translation>IANA 短语</translation>
    </message>
    <message>
        <source>Differences from IANA</source>
        <translation>与 IANA 的差异</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首个值</translation>
    </message>
    <message>
        <source>Other (kept as extra)</source>
        <translation>其他（作为附加信息保留）</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Other columns</source>
        <translation>其他列</translation>
    </message>
    <message>
        <source>Section: %1</source>
        <translation>章节：%1</translation>
    </message>
    <message>
        <source>Phrase in the other language</source>
        <translation>另一语言的短语</translation>
    </message>
    <message>
        <source>Caption: %1</source>
        <translation>表题：%1</translation>
    </message>
    <message>
        <source>%1 from “%2”</source>
        <translation>%1 取自“%2”</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>%1 codes in %2 tables</source>
        <translation>%2 个表格中共 %1 个状态码</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>没有警告。</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>Code tables (%1);;All files (*)</source>
        <extracomment>%1 is the list of patterns, one per file suffix the importers know.</extracomment>
        <translation>状态码表 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported registries are unavailable</source>
        <translation>无法使用已导入的注册表</translation>
    </message>
    <message>
        <source>Imported registries</source>
        <translation>已导入的注册表</translation>
    </message>
    <message>
        <source>Import a code table</source>
        <translation>导入状态码表</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Replace registry</source>
        <translation>替换注册表</translation>
    </message>
    <message>
        <source>A registry named “%1” exists. Replace its codes?</source>
        <translation>名为“%1”的注册表已存在。要替换其中的状态码吗？</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Imported %1 codes into “%2”.</source>
        <translation>已将 %1 个状态码导入“%2”。</translation>
    </message>
    <message>
        <source>Re-importing %1…</source>
        <translation>正在重新导入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Statuscope</source>
        <translation>Statuscope</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Temporary</source>
        <translation>临时</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Obsoleted</source>
        <translation>已废弃</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Unofficial</source>
        <translation>非官方</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Import code table…</source>
        <translation>导入状态码表(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Manage imported registries…</source>
        <translation>管理已导入的注册表(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Export status &amp;map…</source>
        <translation>导出状态码地图(&amp;M)…</translation>
    </message>
    <message>
        <source>Status &amp;map</source>
        <translation>状态码地图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>C&amp;lear search</source>
        <translation>清除搜索(&amp;L)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Statuscope</source>
        <translation>关于 Statuscope(&amp;A)</translation>
    </message>
    <message>
        <source>%1 of %2 codes</source>
        <translation>%1 / %2 个状态码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy as Markdown table</source>
        <translation>复制为 Markdown 表格</translation>
    </message>
    <message>
        <source>Copy as TSV table</source>
        <translation>复制为 TSV 表格</translation>
    </message>
    <message>
        <source>Statuscope</source>
        <extracomment>``loader(progress, cancelled, searchable)``, run in a worker: as ``app.registry.user_registries.load_user_registries`` without its data folder.</extracomment>
        <translation>Statuscope</translation>
    </message>
    <message>
        <source>Status map written to %1</source>
        <translation>状态码地图已写入 %1</translation>
    </message>
    <message>
        <source>Status codes</source>
        <translation>状态码列表</translation>
    </message>
    <message>
        <source>IANA registry checked %1</source>
        <translation>已核对 IANA 注册表（%1）</translation>
    </message>
    <message>
        <source>About Statuscope</source>
        <translation>关于 Statuscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Statuscope %1&lt;/h3&gt;&lt;p&gt;The offline reference for HTTP status codes and your API&apos;s error codes.&lt;/p&gt;&lt;p&gt;Data checked against the IANA HTTP Status Code Registry as last updated on %2.&lt;/p&gt;&lt;p&gt;%3 entries loaded.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Statuscope %1&lt;/h3&gt;&lt;p&gt;离线的 HTTP 状态码与 API 错误码参考工具。&lt;/p&gt;&lt;p&gt;数据已对照 IANA HTTP 状态码注册表（最后更新于 %2）核对。&lt;/p&gt;&lt;p&gt;已加载 %3 个条目。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RegistriesDialog</name>
    <message>
        <source>Imported registries</source>
        <translation>已导入的注册表</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>状态码数</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Re-import</source>
        <translation>重新导入</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Rename registry</source>
        <translation>重命名注册表</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Remove registry</source>
        <translation>删除注册表</translation>
    </message>
    <message>
        <source>Remove “%1” and its %2 codes? The source file is not touched.</source>
        <translation>删除“%1”及其 %2 个状态码？源文件不会被改动。</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search codes, phrases, headers, log lines…</source>
        <translation>搜索状态码、短语、头字段、日志行…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search&lt;/b&gt; (Ctrl+F): every part must match.</source>
        <translation>&lt;b&gt;搜索&lt;/b&gt;（Ctrl+F）：每一部分都必须匹配。</translation>
    </message>
    <message>
        <source>&lt;b&gt;503&lt;/b&gt; · &lt;b&gt;50&lt;/b&gt; · &lt;b&gt;4xx&lt;/b&gt; · &lt;b&gt;500-504&lt;/b&gt;: a code, prefix, class or range (several: any of them); 503 also finds imported codes returned with HTTP 503</source>
        <translation>&lt;b&gt;503&lt;/b&gt; · &lt;b&gt;50&lt;/b&gt; · &lt;b&gt;4xx&lt;/b&gt; · &lt;b&gt;500-504&lt;/b&gt;：状态码、前缀、类别或范围（多个时匹配其一即可）；503 也会找到以 HTTP 503 返回的导入错误码</translation>
    </message>
    <message>
        <source>&lt;b&gt;4xx quota&lt;/b&gt; · &lt;b&gt;500-504 gateway&lt;/b&gt;: codes combined with words</source>
        <translation>&lt;b&gt;4xx quota&lt;/b&gt; · &lt;b&gt;500-504 gateway&lt;/b&gt;：状态码与词语组合</translation>
    </message>
    <message>
        <source>&lt;b&gt;source:nginx&lt;/b&gt; · &lt;b&gt;category:error&lt;/b&gt; · &lt;b&gt;class:4xx&lt;/b&gt; · &lt;b&gt;status:400&lt;/b&gt;: only that source, category, class or HTTP status</source>
        <translation>&lt;b&gt;source:nginx&lt;/b&gt; · &lt;b&gt;category:error&lt;/b&gt; · &lt;b&gt;class:4xx&lt;/b&gt; · &lt;b&gt;status:400&lt;/b&gt;：只看该来源、类型、类别或 HTTP 状态（category 也可写 错误/正常）</translation>
    </message>
    <message>
        <source>&lt;b&gt;APIG.0101&lt;/b&gt; · &lt;b&gt;payload too large&lt;/b&gt; · &lt;b&gt;未找到&lt;/b&gt;: vendor codes, words, Chinese text; the last word may be unfinished, small typos are forgiven</source>
        <translation>&lt;b&gt;APIG.0101&lt;/b&gt; · &lt;b&gt;payload too large&lt;/b&gt; · &lt;b&gt;未找到&lt;/b&gt;：厂商错误码、英文词语、中文文本；最后一个词可以未输完，小的拼写错误会被容忍</translation>
    </message>
    <message>
        <source>A pasted status line or log line finds its status code.</source>
        <translation>粘贴状态行或日志行即可找到其中的状态码。</translation>
    </message>
</context>
<context>
    <name>StatusMap</name>
    <message>
        <source>Status map</source>
        <translation>状态码地图</translation>
    </message>
    <message>
        <source>HTTP status codes 100–599 by class</source>
        <translation>按类别排列的 HTTP 状态码 100–599</translation>
    </message>
    <message>
        <source>Export status map</source>
        <translation>导出状态码地图</translation>
    </message>
    <message>
        <source>%1 — unassigned</source>
        <translation>%1 — 未分配</translation>
    </message>
    <message>
        <source>%1 imported codes map to it</source>
        <translation>%1 个导入错误码对应此状态码</translation>
    </message>
    <message>
        <source>Not in the current results</source>
        <translation>不在当前结果中</translation>
    </message>
</context>
</TS>
