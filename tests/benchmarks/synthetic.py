"""Synthetic vendor registries for the benchmarks: realistic codes, phrases and descriptions.

``vendor_rows(n, seed)`` yields ``(code, phrase, category, extra)`` tuples shaped like the rows
an importer produces from a cloud vendor's error-code tables: codes ``OBS.0412`` /
``APIG.0101`` (one service prefix per 9,999 codes), a phrase built from ~30 problem templates
and ~120 resource names, a description, a solution, the module name and the HTTP status in
``extra``; one service in twelve documents its codes in Chinese. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

SERVICES = (
    ("OBS", "Object Storage Service"),
    ("APIG", "API Gateway"),
    ("IAM", "Identity and Access"),
    ("ECS", "Elastic Cloud Server"),
    ("EVS", "Elastic Volume Service"),
    ("VPC", "Virtual Private Cloud"),
    ("ELB", "Elastic Load Balance"),
    ("RDS", "Relational Database Service"),
    ("DCS", "Distributed Cache"),
    ("DMS", "Distributed Message Service"),
    ("CCE", "Cloud Container Engine"),
    ("SWR", "Software Repository"),
    ("KMS", "Key Management Service"),
    ("CTS", "Cloud Trace Service"),
    ("LTS", "Log Tank Service"),
    ("AOM", "Application Operations"),
    ("SMN", "Simple Message Notification"),
    ("DNS", "Domain Name Service"),
    ("CDN", "Content Delivery Network"),
    ("WAF", "Web Application Firewall"),
    ("CBR", "Cloud Backup"),
    ("SFS", "Scalable File Service"),
    ("IMS", "Image Management Service"),
    ("AS", "Auto Scaling"),
    ("NAT", "NAT Gateway"),
    ("VPN", "Virtual Private Network"),
    ("DDS", "Document Database"),
    ("GES", "Graph Engine Service"),
    ("DLI", "Data Lake Insight"),
    ("DWS", "Data Warehouse"),
    ("MRS", "MapReduce Service"),
    ("CSS", "Cloud Search Service"),
    ("FG", "FunctionGraph"),
    ("CSE", "Cloud Service Engine"),
    ("ROMA", "Integration Platform"),
    ("BSS", "Business Support"),
    ("EPS", "Enterprise Project"),
    ("TMS", "Tag Management"),
    ("RMS", "Resource Management"),
    ("SCM", "Certificate Manager"),
    ("HSS", "Host Security"),
    ("DEW", "Data Encryption Workshop"),
)
_EXTRA_SERVICE_WORDS = (
    "Edge",
    "Batch",
    "Stream",
    "Media",
    "Vision",
    "Speech",
    "Data",
    "Cloud",
    "Secure",
    "Smart",
    "Global",
    "Private",
)

OBJECTS = (
    ("bucket", "桶"),
    ("object", "对象"),
    ("bucket policy", "桶策略"),
    ("access key", "访问密钥"),
    ("secret key", "私有密钥"),
    ("security token", "安全令牌"),
    ("request body", "请求体"),
    ("request header", "请求头"),
    ("query parameter", "查询参数"),
    ("instance", "实例"),
    ("instance type", "实例规格"),
    ("flavor", "规格"),
    ("image", "镜像"),
    ("snapshot", "快照"),
    ("volume", "云硬盘"),
    ("backup", "备份"),
    ("subnet", "子网"),
    ("VPC", "虚拟私有云"),
    ("security group", "安全组"),
    ("route table", "路由表"),
    ("elastic IP", "弹性公网IP"),
    ("load balancer", "负载均衡器"),
    ("listener", "监听器"),
    ("certificate", "证书"),
    ("domain name", "域名"),
    ("DNS record", "解析记录"),
    ("user", "用户"),
    ("user group", "用户组"),
    ("agency", "委托"),
    ("role", "角色"),
    ("policy", "策略"),
    ("project", "项目"),
    ("region", "区域"),
    ("availability zone", "可用区"),
    ("quota", "配额"),
    ("tag", "标签"),
    ("key pair", "密钥对"),
    ("KMS key", "KMS密钥"),
    ("API", "API"),
    ("API group", "API分组"),
    ("stage", "环境"),
    ("app", "应用"),
    ("app key", "应用密钥"),
    ("signature", "签名"),
    ("throttling policy", "流控策略"),
    ("database", "数据库"),
    ("database instance", "数据库实例"),
    ("parameter group", "参数组"),
    ("account", "账号"),
    ("password", "密码"),
    ("cluster", "集群"),
    ("node", "节点"),
    ("node pool", "节点池"),
    ("namespace", "命名空间"),
    ("container", "容器"),
    ("repository", "镜像仓库"),
    ("topic", "主题"),
    ("queue", "队列"),
    ("message", "消息"),
    ("subscription", "订阅"),
    ("log group", "日志组"),
    ("log stream", "日志流"),
    ("alarm rule", "告警规则"),
    ("metric", "指标"),
    ("function", "函数"),
    ("trigger", "触发器"),
    ("workflow", "工作流"),
    ("job", "作业"),
    ("task", "任务"),
    ("template", "模板"),
    ("stack", "资源栈"),
    ("order", "订单"),
    ("invoice", "发票"),
    ("payment", "支付"),
    ("coupon", "优惠券"),
    ("session", "会话"),
    ("connection", "连接"),
    ("endpoint", "终端节点"),
    ("peering connection", "对等连接"),
    ("NAT gateway", "NAT网关"),
    ("VPN gateway", "VPN网关"),
    ("bandwidth", "带宽"),
    ("file system", "文件系统"),
    ("mount target", "挂载点"),
    ("share", "共享"),
    ("disk", "磁盘"),
    ("partition", "分区"),
    ("index", "索引"),
    ("table", "表"),
    ("column", "列"),
    ("schema", "模式"),
    ("version", "版本"),
    ("upload ID", "上传ID"),
    ("part number", "段号"),
    ("ACL", "访问控制列表"),
    ("CORS rule", "跨域规则"),
    ("lifecycle rule", "生命周期规则"),
    ("website configuration", "静态网站配置"),
    ("encryption key", "加密密钥"),
    ("replication rule", "复制规则"),
    ("storage class", "存储类型"),
    ("resource", "资源"),
    ("resource pool", "资源池"),
    ("callback URL", "回调地址"),
    ("webhook", "回调"),
    ("tenant", "租户"),
    ("organization", "组织"),
    ("member", "成员"),
    ("permission", "权限"),
    ("token", "令牌"),
    ("verification code", "验证码"),
    ("phone number", "手机号码"),
    ("email address", "邮箱地址"),
    ("IP address", "IP地址"),
    ("port", "端口"),
    ("protocol", "协议"),
    ("health check", "健康检查"),
    ("backend server", "后端服务器"),
    ("whitelist", "白名单"),
    ("blacklist", "黑名单"),
)

# (English phrase, Chinese phrase, HTTP status); {o}/{O}: the object, lower/capitalized.
PROBLEMS = (
    ("Invalid {o}", "{o}无效", "400"),
    ("Missing {o}", "缺少{o}", "400"),
    ("{O} not found", "{o}不存在", "404"),
    ("{O} already exists", "{o}已存在", "409"),
    ("Unsupported {o}", "不支持的{o}", "400"),
    ("Malformed {o}", "{o}格式错误", "400"),
    ("{O} expired", "{o}已过期", "401"),
    ("{O} is locked", "{o}已锁定", "409"),
    ("{O} is in use", "{o}正在使用中", "409"),
    ("{O} limit exceeded", "{o}数量超过限制", "400"),
    ("Insufficient {o} quota", "{o}配额不足", "403"),
    ("No permission to access the {o}", "无权限访问{o}", "403"),
    ("Failed to create the {o}", "创建{o}失败", "500"),
    ("Failed to delete the {o}", "删除{o}失败", "500"),
    ("Failed to update the {o}", "更新{o}失败", "500"),
    ("Failed to query the {o}", "查询{o}失败", "500"),
    ("{O} is being processed", "{o}正在处理中", "409"),
    ("{O} is frozen", "{o}已冻结", "403"),
    ("Abnormal {o} status", "{o}状态异常", "409"),
    ("{O} name too long", "{o}名称过长", "400"),
    ("Duplicate {o}", "{o}重复", "409"),
    ("{O} mismatch", "{o}不匹配", "400"),
    ("Timed out waiting for the {o}", "等待{o}超时", "504"),
    ("{O} service unavailable", "{o}服务不可用", "503"),
    ("Too many requests for the {o}", "{o}请求过于频繁", "429"),
    ("{O} is disabled", "{o}已禁用", "403"),
    ("Empty {o}", "{o}为空", "400"),
    ("Illegal {o} format", "{o}格式非法", "400"),
    ("{O} does not belong to the project", "{o}不属于该项目", "403"),
    ("Internal error while processing the {o}", "处理{o}时发生内部错误", "500"),
)

REASONS = (
    ("does not exist or has been deleted", "不存在或已被删除"),
    ("contains characters that are not allowed", "包含不允许的字符"),
    ("is longer than 255 characters", "长度超过255个字符"),
    ("has expired; obtain a new one", "已过期，请重新获取"),
    ("is used by another resource", "正被其他资源使用"),
    ("is not supported in this region", "在当前区域不支持"),
    ("cannot be empty", "不能为空"),
    ("does not match the signature algorithm", "与签名算法不匹配"),
    ("was rejected by the upstream service", "被上游服务拒绝"),
    ("is being modified by another request", "正在被其他请求修改"),
    ("exceeds the maximum allowed size", "超过允许的最大值"),
    ("is not in the required JSON format", "不是要求的JSON格式"),
    ("belongs to a different account", "属于其他账号"),
    ("is frozen because the account is in arrears", "因账号欠费已被冻结"),
    ("was throttled by the flow control policy", "被流控策略限制"),
    ("could not be reached before the timeout", "在超时时间内无法访问"),
    ("has reached the quota of the project", "已达到项目配额"),
    ("is referenced by a running task", "被正在运行的任务引用"),
    ("uses an encryption key that is disabled", "使用了已禁用的加密密钥"),
    ("is missing a required header", "缺少必需的请求头"),
    ("was created in another availability zone", "创建于其他可用区"),
    ("failed the integrity check", "未通过完整性校验"),
    ("requires a newer API version", "需要更高版本的API"),
    ("is locked by an administrator", "已被管理员锁定"),
    ("conflicts with an existing configuration", "与现有配置冲突"),
    ("is in an abnormal state", "处于异常状态"),
    ("has an invalid checksum", "校验和无效"),
    ("was deleted while the request was running", "在请求执行过程中被删除"),
    ("is not authorized for this operation", "无权执行此操作"),
    ("exceeds the request rate limit", "超过请求速率限制"),
    ("is not visible to the current user", "对当前用户不可见"),
    ("is waiting for approval", "正在等待审批"),
    ("has too many versions", "版本数量过多"),
    ("was rejected by the access control list", "被访问控制列表拒绝"),
    ("does not allow cross-region access", "不允许跨区域访问"),
    ("is read-only during maintenance", "维护期间为只读"),
)

#: Request fields named in some descriptions ("Check the field ...").
FIELDS = (
    "bucket_name",
    "object_key",
    "x-obs-date",
    "x-obs-acl",
    "Content-MD5",
    "Authorization",
    "X-Auth-Token",
    "X-Project-Id",
    "project_id",
    "instance_id",
    "volume_id",
    "subnet_id",
    "vpc_id",
    "marker",
    "limit",
    "offset",
    "name",
    "description",
    "flavorRef",
    "imageRef",
    "availability_zone",
    "enterprise_project_id",
    "tags",
    "metadata",
    "user_data",
    "key_name",
    "security_groups",
    "port_id",
    "listener_id",
    "pool_id",
    "member_id",
    "certificate_id",
    "domain_id",
    "group_id",
    "policy_id",
    "topic_urn",
    "queue_name",
    "job_id",
    "task_id",
    "version_id",
    "upload_id",
    "partNumber",
    "Range",
    "If-Match",
    "X-Request-Id",
    "callback_url",
    "expires_in",
    "start_time",
    "end_time",
    "region_id",
)

SOLUTIONS = (
    ("Check the {o} and try again.", "请检查{o}后重试。"),
    ("Create the {o} first.", "请先创建{o}。"),
    ("Contact technical support.", "请联系技术支持。"),
    ("Wait a few minutes and retry the request.", "请等待几分钟后重试。"),
    ("Apply for a higher {o} quota.", "请申请更高的{o}配额。"),
    ("Use a valid {o}.", "请使用有效的{o}。"),
    ("Delete unused {o} resources.", "请删除不再使用的{o}资源。"),
    ("Ask the administrator to grant access to the {o}.", "请联系管理员授予{o}的访问权限。"),
    ("Top up the account and retry.", "请充值后重试。"),
    ("Reduce the request rate.", "请降低请求频率。"),
    ("Refresh the {o} and retry.", "请刷新{o}后重试。"),
    ("See the API reference for the {o} format.", "请参考API文档中{o}的格式。"),
)


def services(count: int) -> list[tuple[str, str]]:
    """``count`` service (prefix, name) pairs: the real-looking list, then made-up ones."""
    out = list(SERVICES[:count])
    index = 0
    while len(out) < count:
        a = _EXTRA_SERVICE_WORDS[index % len(_EXTRA_SERVICE_WORDS)]
        base_prefix, base_name = SERVICES[(index // len(_EXTRA_SERVICE_WORDS)) % len(SERVICES)]
        out.append((f"{a[:2].upper()}{base_prefix}", f"{a} {base_name}"))
        index += 1
    return out


CODES_PER_SERVICE = 9999


def vendor_rows(n: int, seed: int = 1) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """``n`` rows ``(code, phrase, category, extra)``, sorted by code within each service."""
    rnd = random.Random(seed)
    per_service = min(CODES_PER_SERVICE, max(1, n // 8 or 1))
    service_list = services(-(-n // per_service))
    service_list.sort(key=lambda s: s[0].casefold())
    produced = 0
    for number, (prefix, module) in enumerate(service_list):
        chinese = number % 12 == 5
        count = min(per_service, n - produced)
        for i in range(1, count + 1):
            obj_en, obj_zh = rnd.choice(OBJECTS)
            en, zh, status = rnd.choice(PROBLEMS)
            reason_en, reason_zh = rnd.choice(REASONS)
            solution_en, solution_zh = rnd.choice(SOLUTIONS)
            code = f"{prefix}.{i:04d}"
            if chinese:
                phrase = zh.format(o=obj_zh, O=obj_zh)
                description = f"请求中指定的{obj_zh}{reason_zh}。"
                if rnd.random() < 0.6:
                    description += f"请检查字段{rnd.choice(FIELDS)}。"
                solution = solution_zh.format(o=obj_zh)
            else:
                phrase = en.format(o=obj_en, O=obj_en[:1].upper() + obj_en[1:])
                description = f"The {obj_en} specified in the request {reason_en}."
                if rnd.random() < 0.6:
                    description += f" Check the field {rnd.choice(FIELDS)}."
                solution = solution_en.format(o=obj_en)
            extra = {
                "description": description,
                "solution": solution,
                "module": module,
                "http_status": status,
            }
            yield code, phrase, "error", extra
        produced += count
        if produced >= n:
            break


#: Issue 13's worst case: every phrase and description drawn from these 24 words, so each
#: word matches a tenth to a third of a million rows.
BROAD_WORDS = [
    *("gateway", "timeout", "exceeded", "quota", "request", "invalid", "token", "expired"),
    *("bucket", "object", "service", "upstream", "limit", "rate", "denied", "access"),
    *("missing", "header", "server", "error", "failed", "connection", "reset", "busy"),
]
BROAD_STATUSES = ("400", "401", "403", "404", "409", "429", "500", "502", "503", "504")


def broad_rows(n: int, seed: int = 13) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """``n`` rows over :data:`BROAD_WORDS`: a 3-word phrase, an 8-word description, an HTTP
    status; codes ``OBS.0412`` as in :func:`vendor_rows` (one service per 9,999 codes)."""
    rnd = random.Random(seed)
    service_list = sorted(services(-(-n // CODES_PER_SERVICE)), key=lambda s: s[0].casefold())
    for number in range(n):
        prefix = service_list[number // CODES_PER_SERVICE][0]
        phrase = " ".join(rnd.sample(BROAD_WORDS, 3)).capitalize()
        extra = {
            "description": " ".join(rnd.sample(BROAD_WORDS, 8)) + ".",
            "http_status": rnd.choice(BROAD_STATUSES),
        }
        yield f"{prefix}.{number % CODES_PER_SERVICE + 1:04d}", phrase, "error", extra
